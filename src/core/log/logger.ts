import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubText } from '../privacy/mask';
import { scrubValue } from './pii-scrub';

export type { Logger } from 'pino';

/** Keys whose values never belong in a log, whatever they contain. */
const REDACTED_PATHS = [
  'idNumber',
  'phone',
  '*.idNumber',
  '*.phone',
  'encrypt',
  'Encrypt',
  'echostr',
  '*.Encrypt',
  '*.echostr',
  'secret',
  '*.secret',
  'access_token',
  '*.access_token',
  'req.headers.authorization',
];

/**
 * The product's structured logger. Identifiers are removed twice: by key (pino redact) and
 * by pattern in every string (a resident may type an ID number into any chat message).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'shulan-assist' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { log: (obj) => scrubValue(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

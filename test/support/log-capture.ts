import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/core/log/logger';

/** The product's real logger, writing JSON lines into memory for assertions. */
export function captureLogs(level = 'info'): {
  log: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger(level, stream);
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, lines, text };
}

import { scrubText } from '../privacy/mask';
import { stripParams } from './pii-scrub';

/**
 * One line for an error, safe to log or store: name, message without the query parameters that
 * Drizzle appends (they may be conversation state or reply text), ID/phone patterns masked, and
 * the cause chain (where the database's own error usually is).
 */
export function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return scrubText(String(error));
  const code = (error as { code?: unknown }).code;
  const head = `${error.name}: ${stripParams(error.message)}${typeof code === 'string' ? ` [${code}]` : ''}`;
  const cause = depth < 4 && error.cause !== undefined ? ` <- ${describeError(error.cause, depth + 1)}` : '';
  return scrubText(head) + cause;
}

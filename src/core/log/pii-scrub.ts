import { scrubText } from '../privacy/mask';

/** Deep copy of a log value with every string scrubbed; depth-limited against cycles. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack && scrubText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}

/** Drops Drizzle's `params: …` block from a message or stack (up to the first stack frame). */
export function stripParams(text: string): string {
  return text.replace(/\nparams:[\s\S]*?(?=\n\s+at |$)/, '');
}

/**
 * Masks personal identifiers in free text before it reaches a log: 18-digit resident ID
 * numbers (GB 11643, last character may be X) and mainland mobile numbers. Digits that are
 * part of a longer number (a MsgId, a timestamp) are left alone.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;

export function scrubText(text: string): string {
  return text.replace(ID_NUMBER, '[id-number]').replace(MOBILE, '[phone]');
}

/**
 * Like `scrubText`, but keeps what a person needs to tell numbers apart: `220283********0016`,
 * `139****1234`. For text kept or shown to staff (a question handed over), not for logs.
 */
export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, (id) => `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(-4)}`)
    .replace(MOBILE, (phone) => {
      const digits = phone.replace(/\D/g, '').slice(-11);
      return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
    });
}

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

/** WeCom's limit for text and markdown content, in UTF-8 bytes (docs/wecom.md §2.4). */
export const MAX_CONTENT_BYTES = 2048;

/**
 * Splits text into parts of at most `maxBytes` UTF-8 bytes without cutting a character,
 * preferring to break after a newline (else after Chinese or Western sentence punctuation).
 */
export function splitUtf8(text: string, maxBytes = MAX_CONTENT_BYTES): string[] {
  const parts: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest, 'utf8') > maxBytes) {
    const hard = truncateUtf8(rest, maxBytes);
    const soft = Math.max(hard.lastIndexOf('\n'), lastPunctuation(hard));
    const cut = soft > hard.length / 2 ? soft + 1 : hard.length;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/** The longest prefix of `text` (whole characters) within `maxBytes` UTF-8 bytes. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}

function lastPunctuation(text: string): number {
  return Math.max(
    ...['。', '！', '？', '；', '. ', '! ', '? '].map((p) => text.lastIndexOf(p) + p.length - 1),
  );
}

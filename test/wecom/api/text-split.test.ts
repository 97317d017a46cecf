import { splitUtf8 } from '../../../src/core/wecom/api/text-split';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('splitting text by UTF-8 bytes', () => {
  it('keeps a short text whole, and an empty one as one empty part', () => {
    expect(splitUtf8('你好')).toEqual(['你好']);
    expect(splitUtf8('')).toEqual(['']);
  });

  it('splits 3-byte Chinese characters without cutting one, each part within 2048 bytes', () => {
    const text = '低'.repeat(1500); // 4500 bytes
    const parts = splitUtf8(text);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => bytes(p) <= 2048)).toBe(true);
    expect(parts.map(bytes)).toEqual([2046, 2046, 408]);
  });

  it('never splits a 4-byte emoji (surrogate pair)', () => {
    const text = `a${'😀'.repeat(600)}`;
    const parts = splitUtf8(text, 2048);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(p).toBe(Buffer.from(p, 'utf8').toString('utf8'));
  });

  it('prefers to break after a newline or a sentence end', () => {
    const line = `${'申'.repeat(400)}。\n`;
    const parts = splitUtf8(line.repeat(3), 2048);
    expect(parts[0]!.endsWith('\n')).toBe(true);
    expect(parts.join('')).toBe(line.repeat(3));
  });
});

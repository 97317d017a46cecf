import { createHash } from 'node:crypto';

/**
 * A reproducible random sequence from a text seed: SHA-256 of the seed feeds sfc32 (a small,
 * well-tested 32-bit generator). Integer arithmetic only, so every platform draws the same numbers.
 * Not for secrets: spot-check samples must be reproducible, not unpredictable.
 */
export function seededRandom(seed: string): () => number {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  // Discard the first outputs so similar seeds diverge.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * `count` items drawn without replacement from `items` (a partial Fisher–Yates shuffle). The same
 * items in the same order with the same seed give the same draw.
 */
export function drawSample<T>(items: readonly T[], count: number, seed: string): T[] {
  const random = seededRandom(seed);
  const pool = [...items];
  const k = Math.min(Math.max(count, 0), pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}

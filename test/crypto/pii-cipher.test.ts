import { randomBytes } from 'node:crypto';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';

describe('personal identifiers at rest', () => {
  const key = randomBytes(32);
  const cipher = new PiiCipher(key);

  it('round-trips, never shows the plaintext, and differs each time', () => {
    const a = cipher.seal('22028219800101123X');
    const b = cipher.seal('22028219800101123X');
    expect(a).not.toContain('22028219800101123X');
    expect(a).not.toBe(b);
    expect(cipher.open(a)).toBe('22028219800101123X');
  });

  it('detects tampering', () => {
    const sealed = cipher.seal('13912345678');
    const bytes = Buffer.from(sealed.split('.')[2]!, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    const tampered = `${sealed.split('.').slice(0, 2).join('.')}.${bytes.toString('base64')}`;
    expect(() => cipher.open(tampered)).toThrow();
  });

  it('rotates: new values under the new key, old ones still open and flagged for re-sealing', () => {
    const old = cipher.seal('13912345678');
    const rotated = new PiiCipher(randomBytes(32), [key]);
    expect(rotated.open(old)).toBe('13912345678');
    expect(rotated.needsReseal(old)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('x'))).toBe(false);
    expect(rotated.lookupHashes('13912345678')).toContain(cipher.lookupHash('13912345678'));
    expect(() => new PiiCipher(randomBytes(32)).open(old)).toThrow('unknown format or key');
  });

  it('gives a stable keyed lookup hash that does not reveal the value', () => {
    expect(cipher.lookupHash('22028219800101123X')).toBe(cipher.lookupHash('22028219800101123X'));
    expect(new PiiCipher(randomBytes(32)).lookupHash('22028219800101123X')).not.toBe(
      cipher.lookupHash('22028219800101123X'),
    );
  });
});

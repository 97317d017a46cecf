import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal identifiers (身份证号, phone) at rest: AES-256-GCM with a random IV, each value tagged
 * with the id of the key that sealed it (so keys can rotate: new values use the current key, old
 * ones stay readable while their key is in the ring), plus a keyed hash (HMAC-SHA256) for exact
 * lookups without decrypting. Encryption and hashing use separate keys derived with HKDF.
 */
export class PiiCipher {
  private readonly keys = new Map<string, { enc: Buffer; mac: Buffer }>();
  private readonly currentId: string;

  /** `current` seals new values; `previous` keys only open old ones. Each is 32 bytes. */
  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const master of [current, ...previous]) {
      if (master.length !== 32) throw new Error('PII keys must be 32 bytes');
      this.keys.set(keyId(master), {
        enc: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'shulan-pii-encrypt', 32)),
        mac: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'shulan-pii-lookup', 32)),
      });
    }
    this.currentId = keyId(current);
  }

  /** `v1.<keyId>.<base64(iv ‖ tag ‖ ciphertext)>` */
  seal(plaintext: string): string {
    const { enc } = this.keys.get(this.currentId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', enc, iv, { authTagLength: 16 });
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${this.currentId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Opens a sealed value; throws if the key is unknown or the value was tampered with. */
  open(sealed: string): string {
    const [version, id, payload] = sealed.split('.');
    const key = id ? this.keys.get(id) : undefined;
    if (version !== 'v1' || !key || !payload) throw new Error('sealed value with an unknown format or key');
    const raw = Buffer.from(payload, 'base64');
    // A fixed tag length: a truncated tag must not verify.
    const decipher = createDecipheriv('aes-256-gcm', key.enc, raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** The id of the key new values are sealed with (the second part of every value it seals). */
  get currentKeyId(): string {
    return this.currentId;
  }

  /** Whether a value was sealed with an old key (to re-seal it during rotation). */
  needsReseal(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentId;
  }

  /**
   * Lookup hash under the current key. After a rotation, lookups for old rows use `lookupHashes`
   * (one per key in the ring) until they are re-sealed.
   */
  lookupHash(normalised: string): string {
    return hmac(this.keys.get(this.currentId)!.mac, normalised);
  }

  lookupHashes(normalised: string): string[] {
    return [...this.keys.values()].map((k) => hmac(k.mac, normalised));
  }
}

function keyId(master: Buffer): string {
  return createHash('sha256').update(master).digest('hex').slice(0, 8);
}

function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

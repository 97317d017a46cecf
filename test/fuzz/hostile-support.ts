import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * A callback ciphertext built by hand (docs/wecom.md §1.5): 16 random bytes, the declared message
 * length, any message bytes, the receive id, 32-byte PKCS#7 padding. The official library only
 * encrypts strings; this lets a test send invalid UTF-8 or a lying length.
 */
export function handmadeCiphertext(
  encodingAesKey: string,
  message: Buffer,
  receiveId: Buffer,
  declaredLength = message.length,
): string {
  const body = Buffer.concat([randomBytes(16), Buffer.alloc(4), message, receiveId]);
  body.writeUInt32BE(declaredLength >>> 0, 16);
  const pad = 32 - (body.length % 32);
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

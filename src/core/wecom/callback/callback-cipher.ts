import { createDecipheriv } from 'node:crypto';
import { decrypt, encrypt } from '@wecom/crypto';
import { CallbackRejection } from './callback-rejection';

const BLOCK = 16;
const PAD_BLOCK = 32;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decrypts a callback ciphertext and checks what `@wecom/crypto` does not: strict base64, block
 * alignment, 32-byte PKCS#7 padding, the declared message length, strict UTF-8, and that the
 * receive-id is ours (docs/wecom.md §1.5); the official `decrypt` must then read the same message.
 * Any failure is an `undecryptable` or `foreign_receiver` rejection; nothing else is thrown.
 */
export function openCallbackCiphertext(
  encodingAesKey: string,
  ciphertext: string,
  receiveId: string,
): string {
  if (!BASE64.test(ciphertext)) throw new CallbackRejection('undecryptable', 'ciphertext is not base64');
  const raw = Buffer.from(ciphertext, 'base64');
  if (raw.length < PAD_BLOCK || raw.length % PAD_BLOCK !== 0) {
    throw new CallbackRejection('undecryptable', `ciphertext length ${raw.length} is not a multiple of 32`);
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const plain = decryptBlocks(key, key.subarray(0, BLOCK), raw);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > PAD_BLOCK || !plain.subarray(plain.length - pad).every((b) => b === pad)) {
    throw new CallbackRejection('undecryptable', 'invalid PKCS#7 padding');
  }
  const contentLength = plain.length - pad;
  const messageLength = plain.readUInt32BE(16);
  if (20 + messageLength > contentLength) {
    throw new CallbackRejection('undecryptable', 'declared message length exceeds the plaintext');
  }
  let message: string;
  try {
    message = STRICT_UTF8.decode(plain.subarray(20, 20 + messageLength));
  } catch {
    throw new CallbackRejection('undecryptable', 'message is not valid UTF-8');
  }
  if (plain.subarray(20 + messageLength, contentLength).toString('utf8') !== receiveId) {
    throw new CallbackRejection('foreign_receiver', 'receive-id does not match WECOM_CORP_ID');
  }
  // The official library must read the same message; a disagreement means a malformed payload.
  let official: string;
  try {
    official = decrypt(encodingAesKey, ciphertext).message;
  } catch (error) {
    throw new CallbackRejection('undecryptable', `decryption failed (${(error as Error).message})`);
  }
  if (official !== message) throw new CallbackRejection('undecryptable', 'official decryption disagrees');
  return message;
}

/** Encrypts a plaintext for `receiveId`: what WeCom does; used by the fake server and the tests. */
export function sealCallbackPlaintext(encodingAesKey: string, plaintext: string, receiveId: string): string {
  return encrypt(encodingAesKey, plaintext, receiveId);
}

function decryptBlocks(key: Buffer, iv: Buffer, blocks: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(blocks), decipher.final()]);
}

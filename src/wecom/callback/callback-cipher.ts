import { createDecipheriv } from 'node:crypto';
import { decrypt, encrypt } from '@wecom/crypto';
import { CallbackRejection } from './callback-rejection';

const BLOCK = 16;
const PAD_BLOCK = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decrypts a callback ciphertext with `@wecom/crypto` and checks what it does not: strict
 * base64, block alignment, 32-byte PKCS#7 padding, the declared message length, UTF-8, and
 * that the receive-id is ours (WECOM.md §1.5). Any failure is an `undecryptable` or
 * `foreign_receiver` rejection; nothing here throws anything else.
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
  // CBC lets us decrypt single blocks: the length field sits in block 2, the padding in the last two.
  const lengthBlock = decryptBlocks(key, raw.subarray(0, BLOCK), raw.subarray(BLOCK, 2 * BLOCK));
  const tailIv =
    raw.length === PAD_BLOCK ? key.subarray(0, BLOCK) : raw.subarray(-PAD_BLOCK - BLOCK, -PAD_BLOCK);
  const tail = decryptBlocks(key, tailIv, raw.subarray(-PAD_BLOCK));
  const pad = tail[tail.length - 1]!;
  if (pad < 1 || pad > PAD_BLOCK || !tail.subarray(PAD_BLOCK - pad).every((b) => b === pad)) {
    throw new CallbackRejection('undecryptable', 'invalid PKCS#7 padding');
  }
  const messageLength = lengthBlock.readUInt32BE(0);
  const contentLength = raw.length - pad;
  if (20 + messageLength > contentLength) {
    throw new CallbackRejection('undecryptable', 'declared message length exceeds the plaintext');
  }
  let opened: ReturnType<typeof decrypt>;
  try {
    opened = decrypt(encodingAesKey, ciphertext);
  } catch (error) {
    throw new CallbackRejection('undecryptable', `decryption failed (${(error as Error).message})`);
  }
  if (Buffer.byteLength(opened.message, 'utf8') !== messageLength) {
    throw new CallbackRejection('undecryptable', 'message is not valid UTF-8');
  }
  if (opened.id !== receiveId) {
    throw new CallbackRejection('foreign_receiver', 'receive-id does not match WECOM_CORP_ID');
  }
  return opened.message;
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

import { createCipheriv } from 'node:crypto';
import {
  openCallbackCiphertext,
  sealCallbackPlaintext,
} from '../../../src/core/wecom/callback/callback-cipher';
import { CallbackRejection } from '../../../src/core/wecom/callback/callback-rejection';
import { OFFICIAL } from '../../support/official-vectors';

const { encodingAesKey: KEY, corpId: CORP } = OFFICIAL;

function rejectionOf(fn: () => unknown): CallbackRejection {
  try {
    fn();
  } catch (error) {
    if (error instanceof CallbackRejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** Encrypts raw plaintext bytes with our own padding, to forge broken ciphertexts. */
function encryptRaw(plain: Buffer): string {
  const key = Buffer.from(`${KEY}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function layout(message: Buffer, receiveId: string): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(message.length);
  return Buffer.concat([Buffer.alloc(16, 7), len, message, Buffer.from(receiveId)]);
}

describe('callback ciphertext', () => {
  it('opens the official URL-verification echostr to its plaintext', () => {
    expect(openCallbackCiphertext(KEY, OFFICIAL.verify.echostr, CORP)).toBe(OFFICIAL.verify.plaintext);
  });

  it('opens the official message vector to the text message XML', () => {
    const xml = openCallbackCiphertext(KEY, OFFICIAL.message.encrypt, CORP);
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('4561255354251345929');
  });

  it('round-trips a Chinese message through seal and open', () => {
    const sealed = sealCallbackPlaintext(KEY, '<xml><Content>我想申请低保</Content></xml>', CORP);
    expect(openCallbackCiphertext(KEY, sealed, CORP)).toBe('<xml><Content>我想申请低保</Content></xml>');
  });

  it('refuses a ciphertext sealed for another corp (receive-id check)', () => {
    const sealed = sealCallbackPlaintext(KEY, '<xml/>', 'wwforeign');
    expect(rejectionOf(() => openCallbackCiphertext(KEY, sealed, CORP)).code).toBe('foreign_receiver');
  });

  it('refuses bad PKCS#7 padding that @wecom/crypto would silently accept', () => {
    const plain = layout(Buffer.from('<xml/>'), CORP);
    const padLength = 32 - (plain.length % 32);
    const badPad = Buffer.alloc(padLength, padLength);
    badPad[0] = (padLength % 32) + 1; // one pad byte disagrees
    expect(
      rejectionOf(() => openCallbackCiphertext(KEY, encryptRaw(Buffer.concat([plain, badPad])), CORP)).code,
    ).toBe('undecryptable');
  });

  it('refuses a declared message length larger than the plaintext', () => {
    const plain = layout(Buffer.from('<xml/>'), CORP);
    plain.writeUInt32BE(10_000, 16);
    const padLength = 32 - (plain.length % 32);
    const forged = encryptRaw(Buffer.concat([plain, Buffer.alloc(padLength, padLength)]));
    expect(rejectionOf(() => openCallbackCiphertext(KEY, forged, CORP)).code).toBe('undecryptable');
  });

  it('refuses invalid UTF-8 in the message', () => {
    const plain = layout(Buffer.from([0x3c, 0xff, 0xfe, 0x3e]), CORP);
    const padLength = 32 - (plain.length % 32);
    const forged = encryptRaw(Buffer.concat([plain, Buffer.alloc(padLength, padLength)]));
    expect(rejectionOf(() => openCallbackCiphertext(KEY, forged, CORP)).code).toBe('undecryptable');
  });

  it.each([
    ['not base64', 'not*base64!'],
    ['too short', Buffer.alloc(16).toString('base64')],
    ['not block aligned', Buffer.alloc(40).toString('base64')],
    ['empty', ''],
  ])('refuses a ciphertext that is %s', (_label, ciphertext) => {
    expect(rejectionOf(() => openCallbackCiphertext(KEY, ciphertext, CORP)).code).toBe('undecryptable');
  });
});

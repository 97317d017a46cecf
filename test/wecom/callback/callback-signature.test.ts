import { CallbackRejection } from '../../../src/core/wecom/callback/callback-rejection';
import {
  checkCallbackTimestamp,
  signCallback,
  verifyCallbackSignature,
} from '../../../src/core/wecom/callback/callback-signature';
import { OFFICIAL } from '../../support/official-vectors';

describe('callback signature', () => {
  it('matches the official vectors for URL verification and for a message', () => {
    const v = OFFICIAL.verify;
    expect(signCallback(OFFICIAL.token, v.timestamp, v.nonce, v.echostr)).toBe(v.msg_signature);
    const m = OFFICIAL.message;
    expect(signCallback(OFFICIAL.token, m.timestamp, m.nonce, m.encrypt)).toBe(m.msg_signature);
  });

  it('accepts the official signature, also in upper case', () => {
    const m = OFFICIAL.message;
    expect(() => verifyCallbackSignature(OFFICIAL.token, m, m.encrypt)).not.toThrow();
    const upper = { ...m, msg_signature: m.msg_signature.toUpperCase() };
    expect(() => verifyCallbackSignature(OFFICIAL.token, upper, m.encrypt)).not.toThrow();
  });

  it.each([
    ['a tampered signature', { msg_signature: '0'.repeat(40) }, OFFICIAL.message.encrypt],
    ['a tampered nonce', { nonce: '1' }, OFFICIAL.message.encrypt],
    ['a tampered ciphertext', {}, `${OFFICIAL.message.encrypt.slice(0, -4)}AAA=`],
    ['a short signature', { msg_signature: 'abc' }, OFFICIAL.message.encrypt],
  ])('refuses %s with bad_signature', (_label, change, encrypt) => {
    const query = { ...OFFICIAL.message, ...change };
    expect(() => verifyCallbackSignature(OFFICIAL.token, query, encrypt)).toThrow(CallbackRejection);
  });

  it('accepts timestamps within the window, both edges inclusive, and refuses beyond', () => {
    const now = new Date(1_800_000_000_000);
    expect(() => checkCallbackTimestamp('1800000300', now, 300)).not.toThrow();
    expect(() => checkCallbackTimestamp('1799999700', now, 300)).not.toThrow();
    expect(() => checkCallbackTimestamp('1800000301', now, 300)).toThrow(/stale_timestamp/);
    expect(() => checkCallbackTimestamp('1799999699', now, 300)).toThrow(/stale_timestamp/);
  });
});

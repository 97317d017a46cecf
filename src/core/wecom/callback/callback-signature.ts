import { timingSafeEqual } from 'node:crypto';
import { getSignature } from '@wecom/crypto';
import { CallbackRejection } from './callback-rejection';

/** sha1 over the sorted (token, timestamp, nonce, ciphertext), lowercase hex: docs/wecom.md §1.4. */
export function signCallback(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return getSignature(token, timestamp, nonce, encrypted);
}

/** Throws `bad_signature` unless `signature` matches, compared in constant time. */
export function verifyCallbackSignature(
  token: string,
  query: { msg_signature: string; timestamp: string; nonce: string },
  encrypted: string,
): void {
  const expected = Buffer.from(signCallback(token, query.timestamp, query.nonce, encrypted), 'utf8');
  const given = Buffer.from(query.msg_signature.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CallbackRejection('bad_signature', 'msg_signature does not match');
  }
}

/** Throws `stale_timestamp` when the callback's timestamp is outside ±window of our clock. */
export function checkCallbackTimestamp(timestamp: string, now: Date, windowSeconds: number): void {
  const skew = Math.abs(Number(timestamp) - Math.floor(now.getTime() / 1000));
  if (!(skew <= windowSeconds)) {
    throw new CallbackRejection(
      'stale_timestamp',
      `timestamp is ${skew}s away from now (window ${windowSeconds}s)`,
    );
  }
}

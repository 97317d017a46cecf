import { sealCallback } from '../callback-driver';
import type { CallbackIdentity } from './callback-xml-builders';
import type { CallbackTarget } from './fake-types';

/** How one callback delivery went, after WeCom-style retries. */
export interface CallbackDelivery {
  /** HTTP status of the last attempt; undefined when no attempt got an answer. */
  status?: number;
  /** Body of the last answer (a passive reply, or '' for a plain ack). */
  body: string;
  attempts: number;
  /** Why the last attempt failed, when it did (timeout, connection refused). */
  error?: string;
}

export interface DeliveryOptions {
  /** Unix seconds for the signature timestamp. */
  timestamp: number;
  /** WeCom tries 3 times in all (docs/wecom.md §1.9). */
  attempts?: number;
  /** WeCom waits 5 s for an answer. */
  timeoutMs?: number;
}

/**
 * Encrypts, signs and POSTs a decrypted callback XML to the product like WeCom does: the same
 * sealed request re-sent on timeout, connection failure or a non-200, up to `attempts` times.
 */
export async function deliverCallback(
  target: CallbackTarget,
  identity: CallbackIdentity,
  xml: string,
  options: DeliveryOptions,
): Promise<CallbackDelivery> {
  const credentials = { ...identity, token: target.token, encodingAesKey: target.encodingAesKey };
  const sealed = sealCallback(credentials, xml, { timestamp: options.timestamp });
  const url = new URL(target.url);
  for (const [key, value] of Object.entries(sealed.query)) url.searchParams.set(key, value);
  const attempts = options.attempts ?? 3;
  let last: CallbackDelivery = { body: '', attempts: 0 };
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: sealed.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      last = { status: res.status, body: await res.text(), attempts: attempt };
      if (res.status === 200) return last;
    } catch (error) {
      last = { body: '', attempts: attempt, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return last;
}

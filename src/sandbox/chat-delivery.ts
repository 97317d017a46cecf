import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../core/clock/clock';
import type { WecomCredentials } from '../core/config/load-config';
import { sealCallback } from './callback-driver';
import { sandboxTime } from './chat-client';

type Credentials = Pick<WecomCredentials, 'corpId' | 'agentId' | 'token' | 'encodingAesKey'>;

export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'refused'; status: number; reason: string }
  | { kind: 'unreachable' };

export interface ChatDeliveryOptions {
  credentials: Credentials;
  /** Where the service and the fake listen now (they move when `npm start` restarts). */
  serviceUrl: () => string;
  fakeWecomUrl: () => string;
  /** This machine's clock; the sandbox's is this plus the operator's offset. */
  clock?: Clock;
}

/**
 * Sends `npm run chat`'s callbacks as WeCom would, stamped with the sandbox's time. The operator
 * moves that time with `/clock +2d` in any terminal, and the service refuses callbacks more than
 * 5 minutes from it (403 stale_timestamp), so each send first reads the sandbox's time (a loopback
 * GET) instead of trusting what this chat read earlier; if the clock still moved in between, the
 * refusal is answered by reading it again and sending once more.
 */
export class ChatDelivery {
  /** The sandbox's time minus this machine's, as last read. */
  private skewMs = 0;
  private readonly clock: Clock;

  constructor(private readonly options: ChatDeliveryOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The sandbox's time as last read (moving at real speed since), in Unix seconds. */
  sandboxSeconds(): number {
    return Math.floor((this.clock().getTime() + this.skewMs) / 1000);
  }

  /** How far the sandbox's time is ahead of this machine's, as last read. */
  offsetMs(): number {
    return this.skewMs;
  }

  /** Reads the sandbox's time (moving it forward first by `advanceMs`); undefined when unreachable. */
  async syncClock(advanceMs?: number): Promise<Date | undefined> {
    try {
      const now = await sandboxTime(this.options.fakeWecomUrl(), advanceMs);
      this.skewMs = now.getTime() - this.clock().getTime();
      return now;
    } catch {
      return undefined;
    }
  }

  /** A message id no other chat (another terminal, the same millisecond) can share. */
  newMsgId(): string {
    return `chat-${randomBytes(9).toString('base64url')}`;
  }

  /** Seals the XML `build` writes for a given Unix time and posts it; retried once if stale. */
  async send(build: (unixSeconds: number) => string): Promise<DeliveryOutcome> {
    await this.syncClock();
    const first = await this.post(build);
    if (first.kind !== 'refused' || first.reason !== 'stale_timestamp') return first;
    if (!(await this.syncClock())) return first;
    return this.post(build);
  }

  private async post(build: (unixSeconds: number) => string): Promise<DeliveryOutcome> {
    const timestamp = this.sandboxSeconds();
    const callback = sealCallback(this.options.credentials, build(timestamp), { timestamp });
    try {
      const res = await fetch(`${this.options.serviceUrl()}${callback.path}`, {
        method: 'POST',
        body: callback.body,
      });
      const text = await res.text();
      return res.status === 200
        ? { kind: 'delivered' }
        : { kind: 'refused', status: res.status, reason: text.trim() };
    } catch {
      return { kind: 'unreachable' };
    }
  }
}

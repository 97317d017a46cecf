import { mediaMessageXml, sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { TEST_CREDENTIALS as C, type TestService } from './test-service';

export const KF_ACCOUNT = 'wkShulanHelp';

/**
 * A resident takes a few seconds per answer; with a test clock the service's send windows (30
 * messages a minute per member on WeCom) see the pace of a person, not of a test loop.
 */
const TYPING_MS = 6_000;

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

/**
 * A clock for the service under test, starting at `start` and moved only by the test. There is
 * no default: a test that started at the real date would behave differently on another day.
 */
export function testClock(start: Date): TestClock {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
}

/**
 * A resident (or staff member) talking to the running service the way WeCom delivers it: signed,
 * encrypted app callbacks, or 微信客服 messages pulled after a kf_msg_or_event callback. Each
 * `say` waits for the turn and the outbox, and answers the texts that user received since.
 */
export class ChatDriver {
  private seen = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly svc: TestService,
    readonly channel: 'app' | 'kf',
    /** A test clock shared with the service: moved on before each message, like a person typing. */
    private readonly clock?: TestClock,
  ) {
    if (channel === 'kf') {
      svc.fake.callbacks.setTarget({
        url: `${svc.url}/wecom/callback`,
        token: C.token,
        encodingAesKey: C.encodingAesKey,
      });
    }
  }

  async say(user: string, content: string): Promise<string[]> {
    this.clock?.advance(TYPING_MS);
    const msgId = `drv-${process.pid}-${Date.now()}-${this.seq++}`;
    if (this.channel === 'app') {
      const response = await this.svc.post(
        sealCallback(C, textMessageXml(C, { fromUser: user, content, msgId }), this.sealOptions()),
      );
      if (response.status !== 200) throw new Error(`callback answered ${response.status}`);
    } else {
      this.svc.fake.kf.enqueueMessage({ openKfid: KF_ACCOUNT, externalUserId: user, content, msgid: msgId });
      await this.deliverKf();
    }
    return this.settle(user);
  }

  async send(
    user: string,
    msgType: 'image' | 'voice' | 'video' | 'file',
    mediaId: string,
  ): Promise<string[]> {
    this.clock?.advance(TYPING_MS);
    const msgId = `drv-${process.pid}-${Date.now()}-${this.seq++}`;
    if (this.channel === 'app') {
      await this.svc.post(
        sealCallback(C, mediaMessageXml(C, { fromUser: user, msgType, mediaId, msgId }), this.sealOptions()),
      );
    } else {
      this.svc.fake.kf.enqueueMedia({
        openKfid: KF_ACCOUNT,
        externalUserId: user,
        msgtype: msgType,
        mediaId,
        msgid: msgId,
      });
      await this.deliverKf();
    }
    return this.settle(user);
  }

  /** Every text this user has received so far (app: message/send; kf: kf/send_msg). */
  received(user: string): string[] {
    return this.channel === 'app'
      ? this.svc.fake.sentTo(user).map((s) => textOf(s.body))
      : this.svc.fake.kf.sends
          .filter((s) => (s.body as { touser?: string }).touser === user)
          .map((s) => textOf(s.body));
  }

  private sealOptions(): { timestamp?: number } {
    return this.clock ? { timestamp: Math.floor(this.clock.now().getTime() / 1000) } : {};
  }

  private async deliverKf(): Promise<void> {
    const { delivery } = await this.svc.fake.callbacks.deliverKfNotification(KF_ACCOUNT);
    if (delivery.status !== 200) throw new Error(`kf callback answered ${delivery.status}`);
    await this.svc.kfPuller.whenIdle();
  }

  private async settle(user: string): Promise<string[]> {
    await this.svc.worker.whenIdle();
    await this.svc.dispatcher.whenIdle();
    const all = this.received(user);
    const from = this.seen.get(user) ?? 0;
    this.seen.set(user, all.length);
    return all.slice(from);
  }
}

/** The words of a sent message, whatever its shape (text, markdown, card, msgmenu). */
function textOf(body: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (['content', 'desc', 'title', 'text', 'head_content', 'tail_content'].includes(key))
        parts.push(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
  };
  walk(body, '');
  return parts.join('\n');
}

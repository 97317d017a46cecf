import { randomBytes } from 'node:crypto';
import { FAKE_CHOSEN_ERRCODES, wecomError } from './errcodes';
import type { WecomReply } from './fake-types';

const WINDOW_MS = 48 * 3600 * 1000;
const MESSAGES_PER_WINDOW = 5;

interface Window {
  lastResidentAt: number;
  sent: number;
}

interface EventCode {
  openKfid: string;
  externalUserId: string;
  expiresAt: number;
  used: boolean;
}

export type EventCodeUse =
  | { ok: true; openKfid: string; externalUserId: string }
  | { ok: false; reply: WecomReply };

/**
 * What 微信客服 lets an account send (docs/wecom.md §3.4–3.6): at most 5 messages within 48 h of the
 * resident's last message (95001/95002), caller msgids unique per account, and single-use
 * send_msg_on_event codes (welcome_code: 20 s).
 */
export class KfReplyWindow {
  private readonly windows = new Map<string, Window>();
  private readonly msgids = new Set<string>();
  private readonly codes = new Map<string, EventCode>();

  constructor(private readonly now: () => Date) {}

  /** A resident message at `sentAtMs` opens a fresh window with a fresh allowance of 5. */
  residentSpoke(openKfid: string, externalUserId: string, sentAtMs: number): void {
    const key = windowKey(openKfid, externalUserId);
    const current = this.windows.get(key);
    if (!current || current.lastResidentAt <= sentAtMs)
      this.windows.set(key, { lastResidentAt: sentAtMs, sent: 0 });
  }

  /** Checks msgid and window; on success counts the message and reserves the msgid. */
  admit(openKfid: string, externalUserId: string, msgid: string): WecomReply | undefined {
    const taken = this.msgidTaken(openKfid, msgid);
    if (taken) return taken;
    const window = this.windows.get(windowKey(openKfid, externalUserId));
    if (!window || window.lastResidentAt + WINDOW_MS <= this.now().getTime()) {
      return wecomError(95002, 'no resident message within 48 hours');
    }
    if (window.sent >= MESSAGES_PER_WINDOW)
      return wecomError(95001, '5 messages already sent in this window');
    window.sent += 1;
    this.reserveMsgid(openKfid, msgid);
    return undefined;
  }

  /** 40058-style error when `msgid` was already used on this account (send_msg_on_event check). */
  msgidTaken(openKfid: string, msgid: string): WecomReply | undefined {
    if (!this.msgids.has(`${openKfid}\u0000${msgid}`)) return undefined;
    return wecomError(FAKE_CHOSEN_ERRCODES.duplicateKfMsgid, `duplicate msgid ${msgid}`);
  }

  reserveMsgid(openKfid: string, msgid: string): void {
    this.msgids.add(`${openKfid}\u0000${msgid}`);
  }

  /** A send_msg_on_event code (welcome_code: 20 s; queue/ending notices: 48 h). */
  issueEventCode(openKfid: string, externalUserId: string, ttlSeconds: number): string {
    const code = randomBytes(24).toString('base64url');
    const expiresAt = this.now().getTime() + ttlSeconds * 1000;
    this.codes.set(code, { openKfid, externalUserId, expiresAt, used: false });
    return code;
  }

  /** Whether `code` may be used now; `useEventCode` then consumes it. */
  checkEventCode(code: string): EventCodeUse {
    const issued = this.codes.get(code);
    const invalid = FAKE_CHOSEN_ERRCODES.invalidKfEventCode;
    if (!issued) return { ok: false, reply: wecomError(invalid, 'unknown code') };
    if (issued.used) return { ok: false, reply: wecomError(invalid, 'code already used') };
    if (issued.expiresAt <= this.now().getTime())
      return { ok: false, reply: wecomError(invalid, 'code expired') };
    return { ok: true, openKfid: issued.openKfid, externalUserId: issued.externalUserId };
  }

  useEventCode(code: string): void {
    const issued = this.codes.get(code);
    if (issued) issued.used = true;
  }
}

const windowKey = (openKfid: string, externalUserId: string) => `${openKfid}\u0000${externalUserId}`;

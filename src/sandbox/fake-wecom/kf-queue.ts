import { randomBytes } from 'node:crypto';
import { FAKE_CHOSEN_ERRCODES, wecomError, wecomOk } from './errcodes';
import type { WecomReply } from './fake-types';

/** One entry of kf/sync_msg's `msg_list` (docs/wecom.md §3.3), exactly as served. */
export type KfMessage = {
  msgid: string;
  send_time: number;
  origin: number;
  msgtype: string;
  open_kfid?: string;
  external_userid?: string;
} & Record<string, unknown>;

interface Entry {
  openKfid: string;
  message: KfMessage;
}

const SYNC_TOKEN_LIFETIME_MS = 10 * 60 * 1000;
const NO_CURSOR_HORIZON_MS = 3 * 24 * 3600 * 1000;
const MAX_LIMIT = 1000;

/**
 * The 微信客服 message log behind kf/sync_msg: one ordered log for every account, opaque
 * cursors that are positions in it, `has_more`, the 10-minute callback Tokens, and scripted
 * empty pages with `has_more: 1` (which real WeCom also produces).
 */
export class KfQueue {
  private readonly log: Entry[] = [];
  private readonly tokens = new Map<string, { openKfid: string; expiresAt: number }>();
  private readonly salt = randomBytes(4).toString('hex');
  private emptyPages = 0;

  constructor(private readonly now: () => Date) {}

  append(openKfid: string, message: KfMessage): KfMessage {
    this.log.push({ openKfid, message });
    return message;
  }

  /** The Token a kf_msg_or_event callback carries, valid 10 minutes. */
  issueToken(openKfid: string): string {
    const token = `ENC${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { openKfid, expiresAt: this.now().getTime() + SYNC_TOKEN_LIFETIME_MS });
    return token;
  }

  /** The next `times` syncs that would return messages return an empty page with has_more 1. */
  injectEmptyPages(times: number): void {
    this.emptyPages += times;
  }

  /** kf/sync_msg after the account checks: token, limit, cursor, then one page. */
  sync(request: { cursor?: string; token?: string; limit?: number; open_kfid?: string }): WecomReply {
    const nowMs = this.now().getTime();
    if (request.token !== undefined) {
      const issued = this.tokens.get(request.token);
      const sameAccount = !request.open_kfid || issued?.openKfid === request.open_kfid;
      if (!issued || issued.expiresAt <= nowMs || !sameAccount) {
        return wecomError(FAKE_CHOSEN_ERRCODES.invalidKfToken, 'invalid or expired token');
      }
    }
    const limit = request.limit ?? MAX_LIMIT;
    if (limit < 1 || limit > MAX_LIMIT) return wecomError(40058, `limit must be 1-${MAX_LIMIT}`);
    const start = request.cursor ? this.decodeCursor(request.cursor) : 0;
    if (start === undefined) return wecomError(50100);
    const horizon = request.cursor ? Number.NEGATIVE_INFINITY : (nowMs - NO_CURSOR_HORIZON_MS) / 1000;
    const matches = (entry: Entry) =>
      (!request.open_kfid || entry.openKfid === request.open_kfid) && entry.message.send_time >= horizon;

    if (this.emptyPages > 0 && this.log.slice(start).some(matches)) {
      this.emptyPages -= 1;
      return wecomOk({ next_cursor: this.encodeCursor(start), has_more: 1, msg_list: [] });
    }
    const page: KfMessage[] = [];
    let position = start;
    for (; position < this.log.length && page.length < limit; position += 1) {
      const entry = this.log[position]!;
      if (matches(entry)) page.push(entry.message);
    }
    const hasMore = this.log.slice(position).some(matches);
    return wecomOk({ next_cursor: this.encodeCursor(position), has_more: hasMore ? 1 : 0, msg_list: page });
  }

  private encodeCursor(position: number): string {
    return Buffer.from(`${this.salt}.${position.toString(36)}`).toString('base64url');
  }

  private decodeCursor(cursor: string): number | undefined {
    const [salt, position] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
    const value = position === undefined ? Number.NaN : Number.parseInt(position, 36);
    if (salt !== this.salt || !Number.isInteger(value) || value < 0 || value > this.log.length)
      return undefined;
    return value;
  }
}

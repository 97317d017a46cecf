import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';

/**
 * Send-rate limits. WeCom silently drops more than 30 messages a minute or 1000 an hour to one
 * member from one app (WECOM.md §2.2), so the defaults stay below both; `perAppPerMinute` caps
 * the whole app. Counted from `outbox_sends`, so the windows survive restarts and instances.
 */
export interface SendRateLimits {
  perRecipientPerMinute: number;
  perRecipientPerHour: number;
  perAppPerMinute: number;
}

export const DEFAULT_SEND_RATE_LIMITS: SendRateLimits = {
  perRecipientPerMinute: 25,
  perRecipientPerHour: 950,
  perAppPerMinute: 1_200,
};

/** When the next send to `recipient` is allowed: `now` if at once, else the moment a window frees. */
export async function nextAllowedSend(
  db: Db,
  limits: SendRateLimits,
  channel: 'app' | 'kf' | 'appchat',
  recipient: string,
  now: Date,
): Promise<Date> {
  const windows: [number, number, boolean][] = [
    [60_000, limits.perRecipientPerMinute, true],
    [3_600_000, limits.perRecipientPerHour, true],
    [60_000, limits.perAppPerMinute, false],
  ];
  let allowed = now;
  for (const [spanMs, limit, perRecipient] of windows) {
    const since = new Date(now.getTime() - spanMs);
    const who = perRecipient ? sql`and recipient = ${recipient}` : sql``;
    // The limit-th most recent send in the window: once it leaves the window, one more may go.
    const rows = await queryRows<{ sent_at: string | Date }>(
      db,
      sql`select sent_at from outbox_sends where channel = ${channel} ${who} and sent_at > ${since}
          order by sent_at desc offset ${limit - 1} limit 1`,
    );
    const oldest = rows[0];
    if (oldest) {
      const frees = new Date(new Date(oldest.sent_at).getTime() + spanMs + 1);
      if (frees > allowed) allowed = frees;
    }
  }
  return allowed;
}

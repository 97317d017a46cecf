import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';

/**
 * Send-rate limits. WeCom silently drops more than 30 messages a minute or 1000 an hour to one
 * member from one app (docs/wecom.md §2.2), so the defaults stay below both; `perAppPerMinute` caps
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

/**
 * When the next send to `recipient` is allowed: `now` if at once, else the moment a window frees.
 * `appWide` says the app's own window is what holds it back, so no recipient can be sent to now.
 */
export async function nextAllowedSend(
  db: Db,
  limits: SendRateLimits,
  channel: 'app' | 'kf' | 'appchat',
  recipient: string,
  now: Date,
): Promise<{ at: Date; appWide: boolean }> {
  const minuteAgo = new Date(now.getTime() - 60_000);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  // For each window, the limit-th most recent send in it: once that leaves the window, one more may go.
  const [row] = await queryRows<{
    minute: string | Date | null;
    hour: string | Date | null;
    app: string | Date | null;
  }>(
    db,
    sql`select
      (select sent_at from outbox_sends where channel = ${channel} and recipient = ${recipient} and sent_at > ${minuteAgo}
        order by sent_at desc offset ${limits.perRecipientPerMinute - 1} limit 1) as minute,
      (select sent_at from outbox_sends where channel = ${channel} and recipient = ${recipient} and sent_at > ${hourAgo}
        order by sent_at desc offset ${limits.perRecipientPerHour - 1} limit 1) as hour,
      (select sent_at from outbox_sends where channel = ${channel} and sent_at > ${minuteAgo}
        order by sent_at desc offset ${limits.perAppPerMinute - 1} limit 1) as app`,
  );
  const frees = (at: string | Date | null | undefined, spanMs: number) =>
    at ? new Date(new Date(at).getTime() + spanMs + 1) : now;
  const appFrees = frees(row?.app, 60_000);
  let allowed = appFrees;
  for (const memberFrees of [frees(row?.minute, 60_000), frees(row?.hour, 3_600_000)]) {
    if (memberFrees > allowed) allowed = memberFrees;
  }
  return { at: allowed, appWide: appFrees > now };
}

import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';
import { kfConversationKey } from '../inbox/store-inbound';

/** 微信客服: after a resident's message, at most 5 replies within 48 hours (docs/wecom.md §3.5). */
export const KF_WINDOW = { maxReplies: 5, hours: 48 } as const;

export type KfWindow = { open: true } | { open: false; reason: string };

/**
 * Whether one more reply may go to the resident now, judged from what we stored: the time of
 * their last message and the parts sent since. WeCom's own 95001/95002 answers are the backstop.
 */
export async function kfReplyWindow(
  db: Db,
  openKfId: string,
  externalUserId: string,
  now: Date,
): Promise<KfWindow> {
  // `sent_at` is WeCom's send_time (whole seconds) for the 48 h; replies are counted from when we
  // stored the message, since sends in the same second could not be told apart otherwise.
  const [last] = await queryRows<{ at: string | Date | null; stored: string | Date | null }>(
    db,
    sql`select max(sent_at) as at, max(received_at) as stored from inbound_messages
        where conversation_key = ${kfConversationKey(openKfId, externalUserId)} and msg_type <> 'event'`,
  );
  if (!last?.at) return { open: false, reason: 'held: the resident has not written yet' };
  const lastAt = new Date(last.at);
  if (now.getTime() - lastAt.getTime() > KF_WINDOW.hours * 3_600_000) {
    return { open: false, reason: `held: more than ${KF_WINDOW.hours} hours since the resident last wrote` };
  }
  const [sent] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from outbox_sends
        where channel = 'kf' and recipient = ${externalUserId} and sent_at > ${new Date(last.stored ?? last.at)}`,
  );
  if ((sent?.n ?? 0) >= KF_WINDOW.maxReplies) {
    return {
      open: false,
      reason: `held: ${KF_WINDOW.maxReplies} replies already sent since the resident last wrote`,
    };
  }
  return { open: true };
}

/** Whether the resident's newest message was stored after `since` (a hold decided before it is void). */
export async function residentWroteSince(
  db: Db,
  openKfId: string,
  externalUserId: string,
  since: Date,
): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from inbound_messages
        where conversation_key = ${kfConversationKey(openKfId, externalUserId)} and msg_type <> 'event'
          and received_at > ${since} limit 1`,
  );
  return rows.length > 0;
}

import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { outbox, outboxSends } from '../db/schema';

export type OutboxStatus = 'pending' | 'sent' | 'dead' | 'held';

/** Operator view of the outbox: recent rows, optionally of one status. */
export async function listOutbox(db: Db, status: OutboxStatus | undefined, limit = 50) {
  return db
    .select({
      id: outbox.id,
      channel: outbox.channel,
      recipient: outbox.recipient,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(status ? eq(outbox.status, status) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit);
}

/** One row with the parts already acknowledged by WeCom. */
export async function showOutbox(db: Db, id: number) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) return undefined;
  const sends = await db
    .select()
    .from(outboxSends)
    .where(eq(outboxSends.outboxId, id))
    .orderBy(outboxSends.part);
  return { row, sends };
}

/**
 * Puts dead-lettered rows back in the queue with fresh attempts (after the cause is fixed).
 * Parts WeCom already acknowledged are not sent again. Returns the ids actually re-queued.
 */
export async function retryDeadOutbox(db: Db, ids: number[], now: Date): Promise<number[]> {
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, 'dead')))
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

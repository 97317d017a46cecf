import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';
import { outbox } from '../db/schema';

export type OutboxRow = typeof outbox.$inferSelect;
type RowUpdate = Partial<Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>;

/**
 * Claims the head row of each recipient's queue that is due: `FOR UPDATE SKIP LOCKED` so
 * instances never take the same row, and a lease (time + token) so a crashed instance's rows come
 * back. Every later write to a claimed row is fenced on its token.
 */
export async function claimHeads(
  db: Db,
  now: Date,
  batchSize: number,
  leaseMs: number,
  /** Channels whose app-wide send window is full: their rows are left where they are. */
  skipChannels: readonly string[],
  /**
   * The batch's lease token, chosen by the caller before the claim: if the claim's answer is lost
   * (connection cut at commit), the caller can still give back whatever it may have claimed.
   */
  leaseToken: string,
): Promise<OutboxRow[]> {
  const skip =
    skipChannels.length === 0
      ? sql``
      : sql`and o.channel not in (${sql.join(
          skipChannels.map((c) => sql`${c}`),
          sql`, `,
        )})`;
  return db.transaction(async (tx) => {
    const ids = await queryRows<{ id: string | number }>(
      tx,
      sql`select o.id from outbox o
          where o.status = 'pending' and o.next_attempt_at <= ${now}
            and (o.locked_until is null or o.locked_until < ${now}) ${skip}
            and not exists (select 1 from outbox p where p.status = 'pending' and p.channel = o.channel
                            and p.recipient = o.recipient and p.id < o.id)
          order by o.id limit ${batchSize}
          for update skip locked`,
    );
    if (ids.length === 0) return [];
    return tx
      .update(outbox)
      .set({ lockedUntil: new Date(now.getTime() + leaseMs), leaseToken })
      .where(
        inArray(
          outbox.id,
          ids.map((r) => Number(r.id)),
        ),
      )
      .returning();
  });
}

/** Extends the lease before a send; false when the row is no longer ours (another instance took it). */
export async function renewLease(db: Db, row: OutboxRow, now: Date, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(outbox)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
    .where(fenced(row))
    .returning({ id: outbox.id });
  return renewed.length > 0;
}

/** Writes the outcome of a claimed row and ends the lease; false when the lease was lost. */
export async function settle(db: Db, row: OutboxRow, update: RowUpdate): Promise<boolean> {
  const settled = await db
    .update(outbox)
    .set({ ...update, lockedUntil: null, leaseToken: null })
    .where(fenced(row))
    .returning({ id: outbox.id });
  return settled.length > 0;
}

/** Gives back one claimed row not worked on, at once. */
export async function releaseLease(db: Db, row: OutboxRow): Promise<void> {
  await settle(db, row, {});
}

/**
 * Gives back every row of a batch still leased under its token (shutdown, a batch cut short by a
 * pause or a database error): rows already settled carry no token and are not touched.
 */
export async function releaseBatch(db: Db, leaseToken: string): Promise<number> {
  const released = await db
    .update(outbox)
    .set({ lockedUntil: null, leaseToken: null })
    .where(and(eq(outbox.leaseToken, leaseToken), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  return released.length;
}

function fenced(row: OutboxRow) {
  return and(
    eq(outbox.id, row.id),
    eq(outbox.leaseToken, row.leaseToken ?? ''),
    eq(outbox.status, 'pending'),
  );
}

/**
 * Ends every lease at start-up when this process is the only one that can hold any (PGlite: its
 * folder is locked to one process). A lease left by a killed process would otherwise block that
 * recipient's queue until it expired (2 minutes by default).
 */
export async function releaseOrphanedLeases(db: Db): Promise<number> {
  const released = await db
    .update(outbox)
    .set({ lockedUntil: null, leaseToken: null })
    .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.lockedUntil)))
    .returning({ id: outbox.id });
  return released.length;
}

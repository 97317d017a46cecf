import type { Db } from '../db/database';
import { outbox } from '../db/schema';
import { type OutboxBody, readOutboxBody } from './card-update';

/** One message (or card update) for one recipient, written in the caller's transaction. */
export interface OutboxEntry {
  channel: 'app' | 'kf' | 'appchat';
  recipient: string;
  openKfId?: string | undefined;
  body: OutboxBody;
  causedByInboundId?: number | undefined;
}

/**
 * Writes outbox rows in the caller's transaction (a turn, a cron job): they go out only if it
 * commits, and the dispatcher sends them in order per recipient. Each body is checked against
 * what the dispatcher will read back, so a malformed body fails here, not as a dead letter later.
 */
export async function enqueueOutbox(db: Db, entries: readonly OutboxEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  for (const entry of entries) {
    if (!readOutboxBody(entry.body)) throw new Error(`outbox body for ${entry.recipient} is malformed`);
  }
  await db.insert(outbox).values(
    entries.map((e) => ({
      channel: e.channel,
      recipient: e.recipient,
      openKfId: e.openKfId ?? null,
      body: e.body,
      causedByInboundId: e.causedByInboundId ?? null,
      createdAt: now,
      nextAttemptAt: now,
    })),
  );
}

import type { Db } from '../db/database';
import { handoffs } from '../db/schema';
import { caseworkersOf, type StaffMember } from './staff-directory';

/**
 * A resident's question handed to the caseworkers of a township. The row is kept until answered,
 * so the question survives even when no caseworker is registered yet.
 */
export async function recordHandoff(
  db: Db,
  request: {
    channel: 'app' | 'kf';
    userId: string;
    openKfId?: string | undefined;
    townshipId: string;
    question: string;
  },
  now: Date,
): Promise<{ id: number; caseworkers: StaffMember[] }> {
  const caseworkers = await caseworkersOf(db, request.townshipId);
  const [row] = await db
    .insert(handoffs)
    .values({
      channel: request.channel,
      userId: request.userId,
      openKfId: request.openKfId ?? null,
      townshipId: request.townshipId,
      question: request.question,
      notified: caseworkers.length,
      createdAt: now,
    })
    .returning({ id: handoffs.id });
  return { id: row!.id, caseworkers };
}

import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { cases, handoffs } from '../../core/db/schema';
import { caseworkersOf, type StaffMember } from '../../core/staff/staff-directory';

/** What a caseworker is shown of who asked: the resident's name and case, when we know them. */
export interface ResidentReference {
  caseId?: string;
  name?: string;
}

/**
 * A resident's question handed to the caseworkers of a township. The row is kept until answered,
 * so the question survives even when no caseworker is registered yet. The resident's newest case
 * in that township (if any) names them for the caseworker; an HIV-tagged case never does (it is
 * the bureau's, and township staff must not learn of it).
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
): Promise<{ id: number; caseworkers: StaffMember[]; reference: ResidentReference }> {
  const caseworkers = await caseworkersOf(db, request.townshipId);
  const [known] = await db
    .select({ id: cases.id, name: cases.applicantName })
    .from(cases)
    .where(
      and(
        eq(cases.applicantUserId, request.userId),
        eq(cases.applicantChannel, request.channel),
        eq(cases.townshipId, request.townshipId),
        eq(cases.hivTagged, false),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(1);
  const [row] = await db
    .insert(handoffs)
    .values({
      channel: request.channel,
      userId: request.userId,
      openKfId: request.openKfId ?? null,
      townshipId: request.townshipId,
      question: request.question,
      notified: caseworkers.length,
      caseId: known?.id ?? null,
      createdAt: now,
    })
    .returning({ id: handoffs.id });
  return { id: row!.id, caseworkers, reference: known ? { caseId: known.id, name: known.name } : {} };
}

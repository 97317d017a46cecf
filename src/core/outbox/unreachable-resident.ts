import { and, desc, eq } from 'drizzle-orm';
import { shanghaiDate } from '../../domain/calendar';
import type { Db } from '../db/database';
import { alertsSent, cases, outbox } from '../db/schema';
import { caseworkersOf } from '../staff/staff-directory';
import type { TemplateStore } from '../templates/template-store';

/**
 * A message to a resident on 微信客服 is held (WeCom allows replies only within 48 hours of their
 * last message, 5 at most): if they have a case, its township's caseworkers are told once a day,
 * so a notice that matters (materials, a decision) reaches them another way — by phone or letter.
 * Answers how many caseworkers were told.
 */
export async function tellCaseworkersResidentUnreachable(
  db: Db,
  templates: TemplateStore,
  resident: { userId: string },
  now: Date,
): Promise<number> {
  const [open] = await db
    .select({ id: cases.id, townshipId: cases.townshipId, name: cases.applicantName, hiv: cases.hivTagged })
    .from(cases)
    .where(and(eq(cases.applicantUserId, resident.userId), eq(cases.applicantChannel, 'kf')))
    .orderBy(desc(cases.createdAt))
    .limit(1);
  // No case: nothing a caseworker must deliver. HIV cases are the bureau's, never township messages.
  if (!open || open.hiv) return 0;
  const workers = await caseworkersOf(db, open.townshipId);
  if (workers.length === 0) return 0;
  const text = templates.render('staff.resident-unreachable', { caseId: open.id, name: open.name });
  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(alertsSent)
      .values(
        workers.map((w) => ({
          key: `unreachable:${open.id}:${shanghaiDate(now)}`,
          caseId: open.id,
          kind: 'resident-unreachable',
          recipient: w.userId,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ recipient: alertsSent.recipient });
    if (fresh.length > 0) {
      await tx.insert(outbox).values(
        fresh.map((f) => ({
          channel: 'app' as const,
          recipient: f.recipient,
          body: { text },
          createdAt: now,
          nextAttemptAt: now,
        })),
      );
    }
    return fresh.length;
  });
}

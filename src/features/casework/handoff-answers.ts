import { and, eq, ne } from 'drizzle-orm';
import type { Township } from '../../core/config/load-townships';
import type { Db } from '../../core/db/database';
import { cases, handoffAnswers, handoffs } from '../../core/db/schema';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import type { DeliveryOutcome, DeliveryReceipt } from '../../core/outbox/reply-model';
import type { StaffMember } from '../../core/staff/staff-directory';
import type { TemplateStore } from '../../core/templates/template-store';
import type { ResidentReference } from '../resident-chat/handoffs';

export type HandoffAnswerResult =
  | {
      ok: true;
      answerId: number;
      handoffId: number;
      channel: 'app' | 'kf';
      reference: ResidentReference;
      /** Who answered this hand-off before, if someone did (the new answer is sent as well). */
      earlier?: { staffId: string; at: Date };
    }
  /** No such hand-off for this caseworker: missing, or another township's (not revealed). */
  | { ok: false; code: 'not_found' };

/**
 * A caseworker answers a hand-off (`回复 <编号> <text>`), in the turn's transaction: the answer is
 * kept with who gave it and when, the hand-off is marked answered, and the answer is queued to the
 * resident on the channel they asked on — the app, or 微信客服 through the same account, where the
 * outbox holds it while the 48-hour / 5-message window is closed. The outbox reports what became
 * of it (`handoffDeliveryReceipts`). Only caseworkers of the township the question went to may
 * answer; anyone else is answered as if the hand-off did not exist.
 */
export async function answerHandoff(
  db: Db,
  context: { templates: TemplateStore; townships: readonly Township[] },
  staff: StaffMember,
  request: { handoffId: number; text: string },
  now: Date,
): Promise<HandoffAnswerResult> {
  const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, request.handoffId)).for('update');
  if (!handoff || staff.role !== 'township_caseworker' || staff.townshipId !== handoff.townshipId)
    return { ok: false, code: 'not_found' };
  const [answer] = await db
    .insert(handoffAnswers)
    .values({ handoffId: handoff.id, staffId: staff.userId, text: request.text, createdAt: now })
    .returning({ id: handoffAnswers.id });
  await db
    .update(handoffs)
    .set({ status: 'answered', answeredBy: staff.userId, answeredAt: now })
    .where(eq(handoffs.id, handoff.id));
  const township = context.townships.find((t) => t.id === handoff.townshipId)?.name ?? handoff.townshipId;
  const text = context.templates.render('chat.handoff.answer', {
    township,
    question: handoff.question,
    answer: request.text,
  });
  await enqueueOutbox(
    db,
    [
      {
        channel: handoff.channel,
        recipient: handoff.userId,
        openKfId: handoff.openKfId ?? undefined,
        body: { text, receipt: { handoffAnswer: answer!.id } },
      },
    ],
    now,
  );
  return {
    ok: true,
    answerId: answer!.id,
    handoffId: handoff.id,
    channel: handoff.channel,
    reference: await referenceOf(db, handoff.caseId),
    ...(handoff.answeredBy && handoff.answeredAt
      ? { earlier: { staffId: handoff.answeredBy, at: handoff.answeredAt } }
      : {}),
  };
}

async function referenceOf(db: Db, caseId: string | null): Promise<ResidentReference> {
  if (!caseId) return {};
  const [row] = await db.select({ name: cases.applicantName }).from(cases).where(eq(cases.id, caseId));
  return row ? { caseId, name: row.name } : { caseId };
}

/**
 * What the outbox reports about an answer it sent (or held, or gave up on): recorded on the
 * answer, and told to the caseworker who gave it — once per change, so a reply held again after a
 * release is not reported twice. Answers whether a message was queued.
 */
export function handoffDeliveryReceipts(db: Db, templates: TemplateStore) {
  return async (receipt: DeliveryReceipt, outcome: DeliveryOutcome, now: Date): Promise<boolean> =>
    db.transaction(async (tx) => {
      const [answer] = await tx
        .update(handoffAnswers)
        .set({ delivery: outcome, deliveredAt: outcome === 'sent' ? now : null })
        .where(and(eq(handoffAnswers.id, receipt.handoffAnswer), ne(handoffAnswers.delivery, outcome)))
        .returning({ handoffId: handoffAnswers.handoffId, staffId: handoffAnswers.staffId });
      if (!answer) return false;
      const [handoff] = await tx
        .select({ channel: handoffs.channel })
        .from(handoffs)
        .where(eq(handoffs.id, answer.handoffId));
      await enqueueOutbox(
        tx,
        [
          {
            channel: 'app',
            recipient: answer.staffId,
            body: {
              text: templates.render(`staff.handoff.${outcome}`, {
                id: answer.handoffId,
                channel: templates.phrase('chat.channels', handoff?.channel ?? 'app'),
              }),
            },
          },
        ],
        now,
      );
      return true;
    });
}

import type { Db } from '../../core/db/database';
import { alertsSent } from '../../core/db/schema';
import { takeResponseCode } from '../../core/outbox/card-response-codes';
import type { OutboxBody } from '../../core/outbox/card-update';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import type { TemplateStore } from '../../core/templates/template-store';
import { answeredCardBody, cancelledCardBody, startedCardBody } from './meeting-cards';
import { type Answer, type Meeting, recordAnswer, type Tally, tallyOf } from './meeting-records';

export type ClickOutcome =
  | { kind: 'unknown_task' }
  | { kind: 'not_invitee' }
  /** Archived or cancelled; a click on a cancelled meeting's card greys it with “会议已取消”. */
  | { kind: 'closed'; meeting: Meeting; cardUpdated: boolean }
  /** Clicked after the meeting began: refused, and the card says so when a code was left. */
  | { kind: 'started'; meeting: Meeting; answer: Answer; cardUpdated: boolean }
  | { kind: 'unchanged'; meeting: Meeting; answer: Answer }
  | {
      kind: 'recorded';
      meeting: Meeting;
      answer: Exclude<Answer, 'pending'>;
      tally: Tally;
      /** True on the one answer that first brought the confirmations to the minimum. */
      quorumReached: boolean;
      /** False when no response code was left to update the member's card with. */
      cardUpdated: boolean;
    };

/**
 * A member's click on their invitation card, in the turn's transaction: the answer is recorded
 * (only by the invitee of that task_id; a repeat changes nothing; none once the meeting has
 * begun), the member's card is queued for update_template_card with the click's one-shot response
 * code — showing the answer, or that the meeting has begun — and the confirmations are counted.
 * Reaching the minimum is reported once per meeting (`alerts_sent`, unique per key and recipient).
 */
export async function answerInvitation(
  db: Db,
  templates: TemplateStore,
  click: { taskId: string; userId: string; answer: Exclude<Answer, 'pending'> },
  minParticipants: (meeting: Meeting) => number,
  now: Date,
): Promise<ClickOutcome> {
  const result = await recordAnswer(db, click, now);
  if (result.kind === 'unknown_task') return { kind: 'unknown_task' };
  if (result.kind === 'not_invitee') return { kind: 'not_invitee' };
  if (result.kind === 'closed') {
    const cardUpdated =
      result.meeting.status === 'cancelled' &&
      (await updateInvitationCard(db, click, cancelledCardBody(templates, click.taskId), now));
    return { kind: 'closed', meeting: result.meeting, cardUpdated };
  }
  if (result.kind === 'unchanged')
    return { kind: 'unchanged', meeting: result.meeting, answer: result.invitation.answer };
  if (result.kind === 'started') {
    const updated = await updateInvitationCard(db, click, startedCardBody(templates, click.taskId), now);
    return {
      kind: 'started',
      meeting: result.meeting,
      answer: result.invitation.answer,
      cardUpdated: updated,
    };
  }
  const { meeting } = result;
  const cardUpdated = await updateInvitationCard(
    db,
    click,
    (code) => answeredCardBody(templates, click.taskId, code, click.answer),
    now,
  );
  const tally = await tallyOf(db, meeting.id);
  let quorumReached = false;
  if (tally.attend >= minParticipants(meeting)) {
    const inserted = await db
      .insert(alertsSent)
      .values({
        key: `meeting-quorum:${meeting.id}`,
        kind: 'meeting_quorum',
        recipient: meeting.organiserId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: alertsSent.id });
    quorumReached = inserted.length > 0;
  }
  return {
    kind: 'recorded',
    meeting,
    answer: click.answer,
    tally,
    quorumReached,
    cardUpdated,
  };
}

/** Queues the update of a member's card with the newest response code left; false when none is. */
export async function updateInvitationCard(
  db: Db,
  click: { taskId: string; userId: string },
  body: (code: string) => OutboxBody,
  now: Date,
): Promise<boolean> {
  const code = await takeResponseCode(db, click.taskId, click.userId, now);
  if (!code) return false;
  await enqueueOutbox(db, [{ channel: 'app', recipient: click.userId, body: body(code) }], now);
  return true;
}

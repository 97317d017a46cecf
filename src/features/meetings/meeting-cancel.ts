import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { meetingInvitations, staffMembers } from '../../core/db/schema';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import { cancelRefusal } from '../../domain/meetings/meeting-rules';
import { updateInvitationCard } from './meeting-answers';
import { cancelledCardBody, meetingVars, meetingWhen } from './meeting-cards';
import { decisionsRecordedAt, findMeeting, type Meeting, markCancelled } from './meeting-records';
import type { MeetingContext } from './meeting-scheduling';

export type CancelRefusal =
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'already_cancelled' | 'held'; meeting: Meeting }
  /** Decisions were recorded at it: it sat, and its minutes are archived instead. */
  | { ok: false; code: 'decided'; meeting: Meeting; decided: number };

/**
 * Whether a township's meeting may be cancelled: it is the township's, neither archived nor
 * cancelled, and no decision was recorded at it (docs/domain.md §11). Locked when asked, for the
 * cancellation itself.
 */
export async function cancelPrecheck(
  db: Db,
  meetingId: number,
  townshipId: string,
  forUpdate = false,
): Promise<{ ok: true; meeting: Meeting } | CancelRefusal> {
  const meeting = await findMeeting(db, meetingId, forUpdate);
  if (!meeting || meeting.townshipId !== townshipId) return { ok: false, code: 'not_found' };
  if (meeting.status === 'cancelled') return { ok: false, code: 'already_cancelled', meeting };
  if (meeting.status === 'held') return { ok: false, code: 'held', meeting };
  const decided = await decisionsRecordedAt(db, meeting.id);
  if (cancelRefusal(decided) === 'decided') return { ok: false, code: 'decided', meeting, decided };
  return { ok: true, meeting };
}

export type CancelOutcome = { ok: true; meeting: Meeting; notified: number } | CancelRefusal;

/**
 * Cancels a meeting that did not sit, in the caller's transaction: the meeting is marked cancelled
 * with who and why, and every other active invitee is told by a message in the outbox; every
 * invitation card that still has a response code (from its sending or a click) has its buttons
 * greyed with “会议已取消”, so nobody answers a meeting that will not sit. Nothing else changes: its cases still await the meeting, so the next `会议` puts
 * them on its agenda. `movedTo` names the meeting that took its cases over, when it is that.
 */
export async function cancelMeeting(
  db: Db,
  context: MeetingContext,
  input: {
    meetingId: number;
    townshipId: string;
    by: { userId: string; name: string };
    reason: string;
    movedTo?: Meeting;
  },
  now: Date,
): Promise<CancelOutcome> {
  const check = await cancelPrecheck(db, input.meetingId, input.townshipId, true);
  if (!check.ok) return check;
  const { meeting } = check;
  await markCancelled(db, meeting.id, { by: input.by.userId, reason: input.reason }, now);
  const { templates, townships } = context;
  const invitations = await activeInvitations(db, meeting.id);
  // The one cancelling knows; everyone else is told.
  const invitees = invitations.filter((i) => i.userId !== input.by.userId);
  const text = templates.render('staff.meeting.cancelled-notice', {
    ...meetingVars(templates, townships, meeting),
    by: input.by.name,
    reason: input.reason,
    movedTo: input.movedTo
      ? { meetingId: input.movedTo.id, when: meetingWhen(templates, input.movedTo.heldAt) }
      : undefined,
  });
  await enqueueOutbox(
    db,
    invitees.map((i) => ({ channel: 'app' as const, recipient: i.userId, body: { text } })),
    now,
  );
  for (const invitation of invitations)
    await updateInvitationCard(db, invitation, cancelledCardBody(templates, invitation.taskId), now);
  const cancelled: Meeting = {
    ...meeting,
    status: 'cancelled',
    cancelledAt: now,
    cancelledBy: input.by.userId,
    cancelReason: input.reason,
  };
  return { ok: true, meeting: cancelled, notified: invitees.length };
}

/** The meeting's invitations of staff still active (someone deactivated gets no staff messages). */
async function activeInvitations(db: Db, meetingId: number): Promise<{ userId: string; taskId: string }[]> {
  return db
    .select({ userId: meetingInvitations.userId, taskId: meetingInvitations.taskId })
    .from(meetingInvitations)
    .innerJoin(staffMembers, eq(staffMembers.userId, meetingInvitations.userId))
    .where(and(eq(meetingInvitations.meetingId, meetingId), eq(staffMembers.active, true)))
    .orderBy(asc(meetingInvitations.id));
}

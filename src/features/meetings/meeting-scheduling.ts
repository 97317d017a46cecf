import type { Township } from '../../core/config/load-townships';
import type { Db } from '../../core/db/database';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import type { TemplateStore } from '../../core/templates/template-store';
import { invitationBody } from './meeting-cards';
import {
  type AgendaItem,
  agendaOf,
  createMeeting,
  type InvitationRow,
  type Invitee,
  inviteesOf,
  type Meeting,
} from './meeting-records';

export interface MeetingContext {
  templates: TemplateStore;
  townships: readonly Township[];
}

/** What the organiser is shown before confirming: the agenda and who would be invited. */
export async function meetingPreview(
  db: Db,
  townshipId: string,
): Promise<{ agenda: AgendaItem[]; invitees: Invitee[] }> {
  return { agenda: await agendaOf(db, townshipId), invitees: await inviteesOf(db, townshipId) };
}

export type ScheduleResult =
  | { ok: false; code: 'no_agenda' }
  | { ok: true; meeting: Meeting; invitees: Invitee[]; invitations: InvitationRow[] };

/**
 * Schedules a township's review meeting (六(三)) in the caller's transaction: the agenda is every
 * case of the township awaiting the meeting at this moment (HIV-tagged cases never), the invitees
 * every active coordination-group member and caseworker, and each invitee's card (参加 / 请假, with
 * the invitation's own task_id) is written to the outbox with the meeting.
 */
export async function scheduleMeeting(
  db: Db,
  context: MeetingContext,
  input: {
    organiser: { userId: string; name: string };
    townshipId: string;
    heldAt: Date;
    place: string;
    minParticipants: number;
  },
  now: Date,
): Promise<ScheduleResult> {
  const { agenda, invitees } = await meetingPreview(db, input.townshipId);
  if (agenda.length === 0) return { ok: false, code: 'no_agenda' };
  const { meeting, invitations } = await createMeeting(
    db,
    {
      townshipId: input.townshipId,
      organiserId: input.organiser.userId,
      heldAt: input.heldAt,
      place: input.place,
      agenda,
      invitees,
    },
    now,
  );
  await enqueueOutbox(
    db,
    invitations.map((invitation) => ({
      channel: 'app' as const,
      recipient: invitation.userId,
      body: invitationBody(
        context.templates,
        context.townships,
        meeting,
        invitation,
        input.organiser.name,
        input.minParticipants,
      ),
    })),
    now,
  );
  return { ok: true, meeting, invitees, invitations };
}

import type { Township } from '../../core/config/load-townships';
import type { Db } from '../../core/db/database';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import type { TemplateStore } from '../../core/templates/template-store';
import { placementOnNewMeeting } from '../../domain/meetings/meeting-rules';
import { cancelMeeting } from './meeting-cancel';
import { invitationBody, meetingWhen } from './meeting-cards';
import {
  type AgendaItem,
  agendaOf,
  createMeeting,
  type InvitationRow,
  type Invitee,
  inviteesOf,
  liveMeetingsOf,
  type Meeting,
  type MeetingWithStanding,
  onAgenda,
} from './meeting-records';

export interface MeetingContext {
  templates: TemplateStore;
  townships: readonly Township[];
}

/** Live meetings and the waiting cases of theirs that a schedule touches. */
export interface MeetingCases {
  meeting: MeetingWithStanding;
  cases: AgendaItem[];
}

export interface MeetingPreview {
  /** The new meeting's agenda: every waiting case not held by a meeting sitting on it now. */
  agenda: AgendaItem[];
  invitees: Invitee[];
  /** Earlier meetings that did not sit: their cases move to the new one and they are cancelled. */
  replaced: MeetingCases[];
  /** Meetings begun with quorum keep their waiting cases until their minutes are archived. */
  inSession: MeetingCases[];
}

/**
 * What the organiser is shown before confirming: the agenda, who would be invited, and which
 * earlier meetings the new one replaces — a case is on one live meeting only (docs/domain.md §11),
 * so a schedule never leaves a case behind on a meeting that can no longer decide on it.
 */
export async function meetingPreview(
  db: Db,
  townshipId: string,
  minOf: (meeting: Meeting) => number,
  now: Date,
  forUpdate = false,
): Promise<MeetingPreview> {
  const live = await liveMeetingsOf(db, townshipId, minOf, forUpdate);
  const agenda: AgendaItem[] = [];
  const replaced = new Map<number, MeetingCases>();
  const inSession = new Map<number, MeetingCases>();
  const add = (into: Map<number, MeetingCases>, meeting: MeetingWithStanding, item: AgendaItem) => {
    const entry = into.get(meeting.id) ?? { meeting, cases: [] };
    entry.cases.push(item);
    into.set(meeting.id, entry);
  };
  for (const item of await agendaOf(db, townshipId)) {
    const placement = placementOnNewMeeting(
      live.filter((m) => onAgenda(m, item.caseId)),
      now,
    );
    if (placement.kind === 'in_session') {
      add(inSession, placement.meeting, item);
      continue;
    }
    if (placement.kind === 'move') for (const from of placement.from) add(replaced, from, item);
    agenda.push(item);
  }
  const oldestFirst = (a: MeetingCases, b: MeetingCases) =>
    a.meeting.heldAt.getTime() - b.meeting.heldAt.getTime() || a.meeting.id - b.meeting.id;
  return {
    agenda,
    invitees: await inviteesOf(db, townshipId),
    replaced: [...replaced.values()].sort(oldestFirst),
    inSession: [...inSession.values()].sort(oldestFirst),
  };
}

export type ScheduleResult =
  | { ok: false; code: 'no_agenda'; inSession: MeetingCases[] }
  | {
      ok: true;
      meeting: Meeting;
      invitees: Invitee[];
      invitations: InvitationRow[];
      /** The earlier meetings cancelled because their cases moved to this one. */
      replaced: Meeting[];
      inSession: MeetingCases[];
    };

/**
 * Schedules a township's review meeting (六(三)) in the caller's transaction: the agenda is every
 * case of the township awaiting the meeting at this moment (HIV-tagged cases never) except those a
 * meeting is sitting on now, the invitees every active coordination-group member and caseworker,
 * and each invitee's card (参加 / 请假, with the invitation's own task_id) is written to the outbox
 * with the meeting. Earlier meetings whose cases it takes over are cancelled, their invitees told
 * first, so no case is on two live meetings.
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
    minOf: (meeting: Meeting) => number;
  },
  now: Date,
): Promise<ScheduleResult> {
  const { agenda, invitees, replaced, inSession } = await meetingPreview(
    db,
    input.townshipId,
    input.minOf,
    now,
    true,
  );
  if (agenda.length === 0) return { ok: false, code: 'no_agenda', inSession };
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
  const cancelled: Meeting[] = [];
  const reason = context.templates.render('staff.meeting.replaced-reason', {
    meetingId: meeting.id,
    when: meetingWhen(context.templates, meeting.heldAt),
  }).text;
  for (const { meeting: earlier } of replaced) {
    const outcome = await cancelMeeting(
      db,
      context,
      {
        meetingId: earlier.id,
        townshipId: input.townshipId,
        by: input.organiser,
        reason,
        movedTo: meeting,
      },
      now,
    );
    // Only a meeting that did not sit is replaced, so none has a decision that would refuse this.
    if (outcome.ok) cancelled.push(outcome.meeting);
  }
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
  return { ok: true, meeting, invitees, invitations, replaced: cancelled, inSession };
}

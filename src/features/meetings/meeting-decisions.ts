import { and, eq, inArray } from 'drizzle-orm';
import type { CaseRow } from '../../core/cases/case-records';
import { type EffectRunner, type StepRules, stepCase } from '../../core/cases/case-steps';
import type { Db } from '../../core/db/database';
import { cases } from '../../core/db/schema';
import { shanghaiDate } from '../../domain/calendar';
import type { Actor } from '../../domain/case/case-types';
import { decisionMeeting } from '../../domain/meetings/meeting-rules';
import type { RefusalCode } from '../../domain/workflow/guard-types';
import type { MeetingRecord, WorkflowEvent } from '../../domain/workflow/workflow-events';
import {
  findMeeting,
  invitedPeople,
  liveMeetingsWith,
  type Meeting,
  type MeetingWithStanding,
  onAgenda,
} from './meeting-records';

/** Why a decision cannot be taken at a meeting, beyond the workflow's own refusals. */
export type DecisionPrecheckCode =
  | 'case_not_found'
  | 'other_township'
  | 'not_awaiting_meeting'
  | 'not_on_agenda'
  | 'meeting_not_started'
  | 'meeting_closed'
  | 'meeting_cancelled';

export type DecisionRefusal =
  | { ok: false; code: DecisionPrecheckCode; meeting?: Meeting }
  | { ok: false; code: 'meeting_quorum_not_met'; confirmed: number; min: number; meeting: Meeting }
  /** Several live meetings have the case and not exactly one may decide: the caseworker names one. */
  | { ok: false; code: 'meeting_choice'; meetings: MeetingWithStanding[]; several: boolean };

/**
 * Whether `actor` may record the meeting's decision on `caseId` now, and at which meeting: the case
 * is of the actor's township and awaits the meeting, and the meeting — the one asked for, else the
 * only live meeting with the case that may decide (docs/domain.md §11) — has begun with enough
 * confirmed attendance. Checked when the decision is started, so the caseworker is not asked for an
 * amount that cannot be recorded; the step itself judges again.
 */
export async function decisionPrecheck(
  db: Db,
  actor: Actor,
  request: { caseId: string; meetingId?: number | undefined },
  minParticipants: (meeting: Meeting) => number,
  now: Date,
): Promise<{ ok: true; row: CaseRow; meeting: Meeting } | DecisionRefusal> {
  const [row] = await db.select().from(cases).where(eq(cases.id, request.caseId));
  if (!row) return { ok: false, code: 'case_not_found' };
  if (row.townshipId !== actor.township) return { ok: false, code: 'other_township' };
  // An HIV-tagged case is never on an agenda (Jilin rule); say no more about it than about any other.
  if (row.hivTagged) return { ok: false, code: 'not_on_agenda' };
  if (row.state !== 'awaiting_meeting') return { ok: false, code: 'not_awaiting_meeting' };
  const live = await liveMeetingsWith(db, row.townshipId, row.id, minParticipants);
  const choice = decisionMeeting(live, now, request.meetingId);
  switch (choice.kind) {
    case 'chosen':
      return { ok: true, row, meeting: choice.meeting };
    case 'not_started':
      return { ok: false, code: 'meeting_not_started', meeting: choice.meeting };
    case 'no_quorum': {
      const { meeting } = choice;
      return {
        ok: false,
        code: 'meeting_quorum_not_met',
        confirmed: meeting.confirmed,
        min: meeting.min,
        meeting,
      };
    }
    case 'choose':
      return { ok: false, code: 'meeting_choice', meetings: choice.meetings, several: choice.several };
    case 'none':
      return request.meetingId === undefined
        ? { ok: false, code: 'not_on_agenda' }
        : notLive(await findMeeting(db, request.meetingId), row.townshipId);
  }
}

/** A meeting asked for by number that is not live with the case: why, as far as the asker may know. */
function notLive(meeting: Meeting | undefined, townshipId: string): DecisionRefusal {
  if (!meeting || meeting.townshipId !== townshipId) return { ok: false, code: 'not_on_agenda' };
  if (meeting.status === 'cancelled') return { ok: false, code: 'meeting_cancelled', meeting };
  if (meeting.status === 'held') return { ok: false, code: 'meeting_closed', meeting };
  return { ok: false, code: 'not_on_agenda', meeting };
}

/** What the meeting decided on one case, as the caseworker recorded it. */
export type MeetingDecision =
  | { verdict: 'approve'; amountFen: number; householdSize: number; startMonth: string }
  | { verdict: 'reject'; reasons: string[] };

export type DecisionOutcome =
  | { ok: true; meeting: Meeting; confirmed: number; allDecided: boolean }
  | DecisionRefusal
  | { ok: false; code: RefusalCode | 'stale_version'; confirmed: number; min: number; meeting: Meeting };

/**
 * Records the meeting's decision on a case as one workflow step (decide_approve / decide_reject),
 * carrying the meeting: its day, everyone who confirmed attendance, and the minutes reference
 * `meeting:<id>`. The workflow judges quorum, reasons, payment month and the 临时救助 authority;
 * a refusal changes nothing. Answers whether every case of the agenda has now left the meeting.
 */
export async function decideAtMeeting(
  db: Db,
  request: { actor: Actor; caseId: string; meetingId: number; decision: MeetingDecision },
  rules: StepRules,
  effects: EffectRunner,
  now: Date,
): Promise<DecisionOutcome> {
  const meeting = await findMeeting(db, request.meetingId, true);
  if (!meeting || meeting.townshipId !== request.actor.township) return { ok: false, code: 'not_on_agenda' };
  if (meeting.status === 'cancelled') return { ok: false, code: 'meeting_cancelled', meeting };
  if (meeting.status !== 'scheduled') return { ok: false, code: 'meeting_closed', meeting };
  if (meeting.heldAt.getTime() > now.getTime()) return { ok: false, code: 'meeting_not_started', meeting };
  if (!onAgenda(meeting, request.caseId)) return { ok: false, code: 'not_on_agenda' };
  const attendees = (await invitedPeople(db, meeting.id)).filter((p) => p.answer === 'attend');
  const record: MeetingRecord = {
    heldOn: shanghaiDate(meeting.heldAt),
    participants: attendees.map((p) => ({ personId: p.userId, confirmed: true })),
    minutesRef: `meeting:${meeting.id}`,
  };
  const { decision } = request;
  const event: WorkflowEvent =
    decision.verdict === 'approve'
      ? {
          type: 'decide_approve',
          meeting: record,
          amountFen: decision.amountFen,
          startMonth: decision.startMonth,
          householdSize: decision.householdSize,
        }
      : { type: 'decide_reject', meeting: record, reasons: decision.reasons };
  const outcome = await stepCase(
    db,
    { caseId: request.caseId, actor: request.actor, event },
    rules,
    effects,
    now,
  );
  if (!outcome.ok) {
    if (outcome.code === 'case_not_found') return { ok: false, code: 'case_not_found' };
    const min = rules.minimums(rules.today(now)).meetingParticipants;
    return { ok: false, code: outcome.code, confirmed: attendees.length, min, meeting };
  }
  const open = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        inArray(
          cases.id,
          meeting.agenda.map((item) => item.caseId),
        ),
        eq(cases.state, 'awaiting_meeting'),
        // An HIV-tagged case is the bureau's (Jilin rule): the township's meeting does not wait for it.
        eq(cases.hivTagged, false),
      ),
    );
  return { ok: true, meeting, confirmed: attendees.length, allDecided: open.length === 0 };
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../core/db/database';
import { caseEvents, caseNotices, cases, meetings, staffMembers } from '../../core/db/schema';
import type { RenderedText } from '../../core/templates/template-store';
import { minutesRefusal } from '../../domain/meetings/meeting-rules';
import { formatYuan } from '../../domain/money';
import { MEETING_PHRASES, meetingVars } from './meeting-cards';
import { DECISION_EVENTS, findMeeting, invitedPeople, type Meeting, withStanding } from './meeting-records';
import type { MeetingContext } from './meeting-scheduling';

/** What the minutes read back from a stored decision step (its audited event). */
const decisionPayload = z.object({
  amountFen: z.number().int().optional(),
  startMonth: z.string().optional(),
  householdSize: z.number().int().optional(),
  reasons: z.array(z.string()).optional(),
});

export type MinutesOutcome =
  | { kind: 'archived'; meeting: Meeting; text: RenderedText; cases: number }
  | { kind: 'already_archived'; meeting: Meeting; text: string | undefined }
  | { kind: 'not_found' }
  | { kind: 'not_started'; meeting: Meeting }
  /** Begun below the minimum (六(三)): it never sat as the 评审合议会, so it has no minutes. */
  | { kind: 'no_quorum'; meeting: Meeting; confirmed: number; min: number }
  | { kind: 'cancelled'; meeting: Meeting };

/**
 * 六(三) “纪要存档”: the minutes of a meeting — date, place, who took part (confirmed attendance),
 * who was excused, and each agenda case's decision taken at this meeting (or none) — rendered from
 * the minutes template and archived with every case of the agenda (`case_notices`, kind `minutes`),
 * in the caller's transaction. The meeting is closed by it (status `held`): a second request
 * answers the archived text instead of archiving twice. A meeting whose confirmed attendance is
 * below the minimum gets none: minutes filed with the cases would record a meeting that could not
 * confirm or decide anything as if it had (docs/domain.md §11); it is cancelled instead.
 */
export async function archiveMinutes(
  db: Db,
  context: MeetingContext,
  request: { meetingId: number; townshipId: string; minOf: (meeting: Meeting) => number },
  now: Date,
): Promise<MinutesOutcome> {
  const { meetingId, townshipId } = request;
  const meeting = await findMeeting(db, meetingId, true);
  if (!meeting || meeting.townshipId !== townshipId) return { kind: 'not_found' };
  if (meeting.status === 'cancelled') return { kind: 'cancelled', meeting };
  if (meeting.status === 'held') {
    const [archived] = await db
      .select({ text: caseNotices.text })
      .from(caseNotices)
      .where(
        and(
          eq(caseNotices.kind, 'minutes'),
          sql`${caseNotices.payload} ->> 'meetingId' = ${String(meeting.id)}`,
        ),
      )
      .limit(1);
    return { kind: 'already_archived', meeting, text: archived?.text };
  }
  const standing = await withStanding(db, meeting, request.minOf);
  const refusal = minutesRefusal(standing, now);
  if (refusal === 'not_started') return { kind: 'not_started', meeting };
  if (refusal === 'no_quorum')
    return { kind: 'no_quorum', meeting, confirmed: standing.confirmed, min: standing.min };

  const people = await invitedPeople(db, meeting.id);
  const facts = await db
    .select({ id: cases.id, program: cases.program, hivTagged: cases.hivTagged })
    .from(cases)
    .where(
      inArray(
        cases.id,
        meeting.agenda.map((item) => item.caseId),
      ),
    );
  const programs = new Map(facts.map((r) => [r.id, r.program]));
  // A case tagged HIV after the invitations went out leaves township records: not in the minutes.
  const agenda = meeting.agenda.filter((item) => facts.some((f) => f.id === item.caseId && !f.hivTagged));
  const caseIds = agenda.map((item) => item.caseId);
  const decisions = await db
    .select({
      caseId: caseEvents.caseId,
      seq: caseEvents.seq,
      type: caseEvents.eventType,
      payload: caseEvents.payload,
    })
    .from(caseEvents)
    .where(
      and(
        inArray(caseEvents.caseId, caseIds),
        inArray(caseEvents.eventType, [...DECISION_EVENTS]),
        sql`${caseEvents.payload} -> 'meeting' ->> 'minutesRef' = ${`meeting:${meeting.id}`}`,
      ),
    );
  const [organiser] = await db
    .select({ name: staffMembers.name })
    .from(staffMembers)
    .where(eq(staffMembers.userId, meeting.organiserId));
  const { templates } = context;
  const items = agenda.map((item, i) => {
    const decided = decisions.find((d) => d.caseId === item.caseId);
    const read = decisionPayload.safeParse(decided?.payload ?? {});
    const payload = read.success ? read.data : {};
    const program = programs.get(item.caseId) ?? 'dibao';
    return {
      n: i + 1,
      caseId: item.caseId,
      name: item.name,
      program: templates.phrase('chat.programs', program),
      approved: decided?.type === 'decide_approve',
      rejected: decided?.type === 'decide_reject',
      other: decided !== undefined && decided.type !== 'decide_approve' && decided.type !== 'decide_reject',
      undecided: decided === undefined,
      verdict: decided ? templates.phrase(MEETING_PHRASES, `verdict-${decided.type}`) : '',
      amount: payload.amountFen !== undefined ? formatYuan(payload.amountFen) : '',
      monthly: program !== 'linshi',
      startMonth: payload.startMonth ?? '',
      householdSize: payload.householdSize ?? 0,
      reasons: payload.reasons ?? [],
    };
  });
  const person = (p: (typeof people)[number]) => ({ name: p.name, position: p.position ?? '' });
  const attended = people.filter((p) => p.answer === 'attend').map(person);
  const excused = people.filter((p) => p.answer === 'decline').map(person);
  const unanswered = people.filter((p) => p.answer === 'pending').map(person);
  const text = templates.render('staff.meeting.minutes', {
    ...meetingVars(templates, context.townships, meeting),
    organiser: organiser?.name ?? meeting.organiserId,
    attended,
    attendedCount: attended.length,
    excused,
    unanswered,
    items,
  });
  if (items.length > 0) {
    await db.insert(caseNotices).values(
      items.map((item) => ({
        caseId: item.caseId,
        kind: 'minutes',
        templateId: text.templateId,
        templateVersion: text.templateVersion,
        text: text.text,
        recipient: null,
        payload: {
          meetingId: String(meeting.id),
          decision: decisions.find((d) => d.caseId === item.caseId)?.type ?? null,
          participants: people.filter((p) => p.answer === 'attend').map((p) => p.userId),
        },
        caseSeq: decisions.find((d) => d.caseId === item.caseId)?.seq ?? null,
        createdAt: now,
      })),
    );
  }
  await db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, meeting.id));
  return { kind: 'archived', meeting, text, cases: items.length };
}

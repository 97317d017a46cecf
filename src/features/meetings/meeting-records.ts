import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../core/db/database';
import { caseEvents, cases, meetingInvitations, meetings, staffMembers } from '../../core/db/schema';

/**
 * 评审合议会 (六(三)) records: a township's meeting, its agenda (cases awaiting the meeting) and one
 * invitation per invitee, each with its own card task_id and the invitee's answer.
 */

export type MeetingRow = typeof meetings.$inferSelect;

/** The workflow steps a review meeting decides (六(三), 七(一)). */
export const DECISION_EVENTS = ['decide_approve', 'decide_reject', 'decide_adjust', 'decide_stop'] as const;
export type InvitationRow = typeof meetingInvitations.$inferSelect;
export type Answer = InvitationRow['answer'];

/** An agenda item: what invitees may see of a case — its id and the applicant's name, nothing more. */
export const agendaItemSchema = z.object({ caseId: z.string().min(1), name: z.string() });
export type AgendaItem = z.infer<typeof agendaItemSchema>;
const agendaSchema = z.array(agendaItemSchema);

export interface Meeting extends Omit<MeetingRow, 'agenda'> {
  agenda: AgendaItem[];
}

/** The roles invited: the coordination group (协调小组) and the township's caseworkers (六(三)). */
export const INVITED_ROLES = ['coordination_member', 'township_caseworker'] as const;

export interface Invitee {
  userId: string;
  name: string;
  role: (typeof INVITED_ROLES)[number];
  position: string | null;
}

/**
 * The township's cases waiting for the meeting: state `awaiting_meeting`, never an HIV-tagged case
 * (Jilin rule: those never reach township group messages).
 */
export async function agendaOf(db: Db, townshipId: string): Promise<AgendaItem[]> {
  return db
    .select({ caseId: cases.id, name: cases.applicantName })
    .from(cases)
    .where(
      and(eq(cases.townshipId, townshipId), eq(cases.state, 'awaiting_meeting'), eq(cases.hivTagged, false)),
    )
    .orderBy(asc(cases.id));
}

/** Every active coordination-group member and caseworker of the township. */
export async function inviteesOf(db: Db, townshipId: string): Promise<Invitee[]> {
  const rows = await db
    .select({
      userId: staffMembers.userId,
      name: staffMembers.name,
      role: staffMembers.role,
      position: staffMembers.position,
    })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.townshipId, townshipId),
        eq(staffMembers.active, true),
        inArray(staffMembers.role, [...INVITED_ROLES]),
      ),
    )
    .orderBy(asc(staffMembers.role), asc(staffMembers.userId));
  return rows.flatMap((r) =>
    r.role === 'coordination_member' || r.role === 'township_caseworker' ? [{ ...r, role: r.role }] : [],
  );
}

/** A task_id unique per invitation and app (docs/wecom.md §2.5), unguessable, within `[0-9A-Za-z_-]`. */
function newTaskId(meetingId: number): string {
  return `mtg${meetingId}_${randomBytes(9).toString('base64url')}`;
}

/**
 * Creates the meeting and one invitation per invitee; answers both. The organiser, who convenes
 * the meeting, is recorded as attending from the start (六(三): the township's caseworkers take
 * part); they may still 请假 on their own card like anyone else before the meeting begins.
 */
export async function createMeeting(
  db: Db,
  input: {
    townshipId: string;
    organiserId: string;
    heldAt: Date;
    place: string;
    agenda: AgendaItem[];
    invitees: readonly Invitee[];
  },
  now: Date,
): Promise<{ meeting: Meeting; invitations: InvitationRow[] }> {
  const [row] = await db
    .insert(meetings)
    .values({
      townshipId: input.townshipId,
      organiserId: input.organiserId,
      heldAt: input.heldAt,
      place: input.place,
      agenda: input.agenda,
      createdAt: now,
    })
    .returning();
  const meeting = toMeeting(row!);
  const invitations =
    input.invitees.length === 0
      ? []
      : await db
          .insert(meetingInvitations)
          .values(
            input.invitees.map((i) => ({
              meetingId: meeting.id,
              userId: i.userId,
              taskId: newTaskId(meeting.id),
              ...(i.userId === input.organiserId ? { answer: 'attend' as const, answeredAt: now } : {}),
            })),
          )
          .returning();
  return { meeting, invitations };
}

export async function findMeeting(db: Db, id: number, forUpdate = false): Promise<Meeting | undefined> {
  const query = db.select().from(meetings).where(eq(meetings.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ? toMeeting(row) : undefined;
}

export async function invitationByTask(db: Db, taskId: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(meetingInvitations).where(eq(meetingInvitations.taskId, taskId));
  return row;
}

export type AnswerResult =
  | { kind: 'unknown_task' }
  | { kind: 'not_invitee'; meeting: Meeting }
  | { kind: 'closed'; meeting: Meeting }
  /** The meeting has begun: attendance is what was confirmed before its start (六(三)). */
  | { kind: 'started'; meeting: Meeting; invitation: InvitationRow }
  | { kind: 'unchanged'; meeting: Meeting; invitation: InvitationRow }
  | { kind: 'recorded'; meeting: Meeting; invitation: InvitationRow; previous: Answer };

/**
 * Records a member's 参加 / 请假 on their invitation. Only the invitee the task_id was sent to may
 * answer it; the same answer again changes nothing; a different one replaces it until the meeting
 * begins. From its start time on, answers are refused: the quorum the decisions rest on (六(三))
 * is the attendance confirmed beforehand, not changed while the meeting sits. The meeting row is
 * locked first, so answers arriving at the same moment are counted one after the other.
 */
export async function recordAnswer(
  db: Db,
  click: { taskId: string; userId: string; answer: Exclude<Answer, 'pending'> },
  now: Date,
): Promise<AnswerResult> {
  const found = await invitationByTask(db, click.taskId);
  if (!found) return { kind: 'unknown_task' };
  const meeting = await findMeeting(db, found.meetingId, true);
  if (!meeting) return { kind: 'unknown_task' };
  if (found.userId !== click.userId) return { kind: 'not_invitee', meeting };
  if (meeting.status !== 'scheduled') return { kind: 'closed', meeting };
  const [invitation] = await db
    .select()
    .from(meetingInvitations)
    .where(eq(meetingInvitations.id, found.id))
    .for('update');
  if (!invitation) return { kind: 'unknown_task' };
  if (now.getTime() >= meeting.heldAt.getTime()) return { kind: 'started', meeting, invitation };
  if (invitation.answer === click.answer) return { kind: 'unchanged', meeting, invitation };
  const [updated] = await db
    .update(meetingInvitations)
    .set({ answer: click.answer, answeredAt: now })
    .where(eq(meetingInvitations.id, invitation.id))
    .returning();
  return { kind: 'recorded', meeting, invitation: updated!, previous: invitation.answer };
}

export interface Tally {
  attend: number;
  decline: number;
  pending: number;
  total: number;
}

export async function tallyOf(db: Db, meetingId: number): Promise<Tally> {
  const rows = await db
    .select({ answer: meetingInvitations.answer })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meetingId));
  const count = (a: Answer) => rows.filter((r) => r.answer === a).length;
  return {
    attend: count('attend'),
    decline: count('decline'),
    pending: count('pending'),
    total: rows.length,
  };
}

export interface InvitedPerson {
  userId: string;
  name: string;
  position: string | null;
  answer: Answer;
}

/** Everyone invited, with their answer and name (for the decision record and the minutes). */
export async function invitedPeople(db: Db, meetingId: number): Promise<InvitedPerson[]> {
  return db
    .select({
      userId: meetingInvitations.userId,
      name: staffMembers.name,
      position: staffMembers.position,
      answer: meetingInvitations.answer,
    })
    .from(meetingInvitations)
    .innerJoin(staffMembers, eq(staffMembers.userId, meetingInvitations.userId))
    .where(eq(meetingInvitations.meetingId, meetingId))
    .orderBy(asc(meetingInvitations.id));
}

/**
 * The township's live meetings — neither archived (`held`) nor cancelled — newest first, each with
 * its standing (confirmations and the minimum on its day). Locked when asked, so a schedule, a
 * cancellation and a decision touching the same meetings run one after the other.
 */
export async function liveMeetingsOf(
  db: Db,
  townshipId: string,
  minOf: (meeting: Meeting) => number,
  forUpdate = false,
): Promise<MeetingWithStanding[]> {
  const query = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.townshipId, townshipId), eq(meetings.status, 'scheduled')))
    .orderBy(desc(meetings.heldAt), desc(meetings.id));
  const rows = forUpdate ? await query.for('update') : await query;
  return Promise.all(rows.map((row) => withStanding(db, toMeeting(row), minOf)));
}

/** The live meetings with the case on their agenda, newest first (see `liveMeetingsOf`). */
export async function liveMeetingsWith(
  db: Db,
  townshipId: string,
  caseId: string,
  minOf: (meeting: Meeting) => number,
): Promise<MeetingWithStanding[]> {
  return (await liveMeetingsOf(db, townshipId, minOf)).filter((m) => onAgenda(m, caseId));
}

export function onAgenda(meeting: Meeting, caseId: string): boolean {
  return meeting.agenda.some((item) => item.caseId === caseId);
}

/** A meeting as the rules of docs/domain.md §11 see it: confirmed attendance and the minimum. */
export interface MeetingWithStanding extends Meeting {
  confirmed: number;
  min: number;
}

export async function withStanding(
  db: Db,
  meeting: Meeting,
  minOf: (meeting: Meeting) => number,
): Promise<MeetingWithStanding> {
  const { attend } = await tallyOf(db, meeting.id);
  return { ...meeting, confirmed: attend, min: minOf(meeting) };
}

/** The decisions recorded at a meeting: steps whose meeting record cites its minutes reference. */
export async function decisionsRecordedAt(db: Db, meetingId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(caseEvents)
    .where(
      and(
        inArray(caseEvents.eventType, [...DECISION_EVENTS]),
        sql`${caseEvents.payload} -> 'meeting' ->> 'minutesRef' = ${`meeting:${meetingId}`}`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** Marks a meeting cancelled, with who did it and why; its invitations answer `closed` from now on. */
export async function markCancelled(
  db: Db,
  meetingId: number,
  cancellation: { by: string; reason: string },
  now: Date,
): Promise<void> {
  await db
    .update(meetings)
    .set({
      status: 'cancelled',
      cancelledAt: now,
      cancelledBy: cancellation.by,
      cancelReason: cancellation.reason,
    })
    .where(eq(meetings.id, meetingId));
}

function toMeeting(row: MeetingRow): Meeting {
  return { ...row, agenda: agendaSchema.parse(row.agenda) };
}

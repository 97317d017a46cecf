/**
 * What the documents engine is given for one case, loaded from the record: the case row (ID and
 * phone opened with the cipher), its members, the sealed application, the audited steps, the staff
 * who took them and the meeting that decided. Steps the case has not reached are left out, so a
 * document that needs them is refused rather than printed blank.
 */

import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CaseRow } from '../../core/cases/case-records';
import type { Township } from '../../core/config/load-townships';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import {
  caseEvents,
  caseMembers,
  dueTimers,
  meetingInvitations,
  meetings,
  staffMembers,
} from '../../core/db/schema';
import { applicationDraftSchema } from '../../domain/application/application-draft';
import { shanghaiDate, toLocalDate } from '../../domain/calendar';
import { checkIdNumber } from '../../domain/case/id-number';
import { publicityPeriod } from '../../domain/deadlines';
import type { DocumentCaseInput } from './document-models';
import { documentTemplates } from './document-templates';

type EventRow = typeof caseEvents.$inferSelect;

/** Placeholder for a fact the record does not hold (printed as a dash, filled in by hand). */
const BLANK = '—';
const PUBLICITY_DAYS = 7;

const visitSchema = z.object({
  visit: z.object({
    visitedOn: z.string(),
    staff: z.array(z.object({ staffId: z.string() })),
    findings: z.string().default(''),
  }),
});
const meetingPayload = z.object({ meeting: z.object({ heldOn: z.string(), minutesRef: z.string() }) });
const amountPayload = z.object({ amountFen: z.number(), startMonth: z.string(), householdSize: z.number() });
const reviewSchema = z.object({
  proposedAmountFen: z.number().int().positive(),
  village: z.string().optional(),
});
const appraisalSchema = z.object({
  appraisal: z.object({
    heldOn: z.string(),
    attendees: z.array(z.string()).min(1),
    result: z.enum(['unanimous', 'majority_for', 'majority_against']),
    notes: z.string().default(''),
  }),
});

/** A held 民主评议 as recorded (date, attendees, result, notes); an older record without them prints blanks. */
function appraisalOf(event: EventRow, recordedOn: string): DocumentCaseInput['appraisal'] {
  const recorded = appraisalSchema.safeParse(event.payload);
  if (!recorded.success)
    return { held: true, heldOn: recordedOn, place: BLANK, participants: [{ name: BLANK, identity: BLANK }] };
  const { heldOn, attendees, result, notes } = recorded.data.appraisal;
  return {
    held: true,
    heldOn,
    place: BLANK,
    participants: attendees.map((name) => ({ name, identity: BLANK })),
    opinions: notes,
    conclusion: documentTemplates().get('document.appraisal-record').t(`result.${result}`),
  };
}

export async function documentSourceOf(
  db: Db,
  cipher: PiiCipher,
  township: Township,
  townships: readonly Township[],
  row: CaseRow,
): Promise<DocumentCaseInput> {
  const events = await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, row.id))
    .orderBy(asc(caseEvents.seq));
  const members = await db.select().from(caseMembers).where(eq(caseMembers.caseId, row.id));
  const names = await staffNames(db, events);
  const draft = row.applicationSealed
    ? applicationDraftSchema.catch({}).parse(JSON.parse(cipher.open(row.applicationSealed)))
    : {};
  const last = (...types: string[]) => events.filter((e) => types.includes(e.eventType)).at(-1);
  const day = (e: EventRow) => shanghaiDate(e.at);
  const submitted = events[0];
  const submittedOn = submitted ? day(submitted) : shanghaiDate(row.createdAt);
  const adultOn = (idNumber: string | undefined) => isAdult(idNumber, submittedOn);
  const accepted = last('accept');
  const input: DocumentCaseInput = {
    caseId: row.id,
    program: row.program,
    businessType: row.businessType,
    ...(row.temporaryAidKind ? { temporaryAidKind: row.temporaryAidKind } : {}),
    township: {
      name: township.name,
      kind: township.kind,
      ...(township.supervisionPhone ? { supervisionPhone: township.supervisionPhone } : {}),
    },
    ...residenceOf(row, townships),
    village: draft.village ?? BLANK,
    submittedBy: row.submittedBy,
    submittedOn,
    applicant: {
      name: row.applicantName,
      idNumber: cipher.open(row.applicantIdSealed),
      ...(row.applicantPhoneSealed ? { phone: cipher.open(row.applicantPhoneSealed) } : {}),
    },
    members: members.map((m) => {
      const idNumber = m.idSealed ? cipher.open(m.idSealed) : undefined;
      return {
        name: m.name,
        relation: m.relation,
        adult: adultOn(idNumber),
        ...(idNumber ? { idNumber } : {}),
      };
    }),
    householdSize: row.householdSize,
    incomeItems: (draft.incomeItems ?? []).map((i) => ({ label: i.label, monthlyFen: i.fen })),
    reason: draft.reason ?? '',
    ...(draft.requestedFen ? { requestedFen: draft.requestedFen } : {}),
    assets: {
      ...(draft.savingsFen !== undefined ? { savingsFen: draft.savingsFen } : {}),
      ...(draft.hasVehicle !== undefined ? { hasVehicle: draft.hasVehicle } : {}),
      ...(draft.housingUnits !== undefined ? { housingUnits: draft.housingUnits } : {}),
      other: [],
    },
    hivTagged: row.hivTagged,
    nearRelativeDeclared: row.nearRelativeDeclared || row.nearRelativeDetected,
    ...(accepted ? { caseworker: { name: names.get(accepted.actorId) ?? accepted.actorId } } : {}),
  };

  const materials = last('request_materials');
  const items = z.object({ items: z.array(z.string()) }).safeParse(materials?.payload);
  if (materials && items.success && items.data.items.length > 0)
    input.materialsRequest = { requestedOn: day(materials), items: items.data.items };
  if (accepted) {
    const [decision] = await db
      .select({ dueOn: dueTimers.dueOn })
      .from(dueTimers)
      .where(and(eq(dueTimers.caseId, row.id), eq(dueTimers.kind, 'decision')));
    input.acceptance = { acceptedOn: day(accepted), ...(decision ? { decisionDueOn: decision.dueOn } : {}) };
  }
  const visited = last(
    'record_home_visit',
    'residence_results_returned',
    'complete_advance_records',
    'advance_records_unfounded',
  );
  const visit = visitSchema.safeParse(visited?.payload);
  if (visited && visit.success)
    input.homeVisit = {
      visitedOn: visit.data.visit.visitedOn,
      investigators: visit.data.visit.staff.map((s) => ({ name: names.get(s.staffId) ?? s.staffId })),
      findings: visit.data.visit.findings,
    };
  const appraisal = last('record_appraisal', 'skip_appraisal');
  if (appraisal?.eventType === 'skip_appraisal' && appraisal.reason)
    input.appraisal = { held: false, decidedOn: day(appraisal), skipReason: appraisal.reason };
  else if (appraisal) input.appraisal = appraisalOf(appraisal, day(appraisal));
  const publicity = last('start_publicity');
  const startsOn = z.object({ startsOn: z.string() }).safeParse(publicity?.payload);
  if (publicity && startsOn.success) {
    const start = toLocalDate(startsOn.data.startsOn);
    const proposed = reviewSchema.safeParse(last('review_eligible')?.payload);
    input.publicity = {
      startsOn: start,
      endsOn: publicityPeriod(start, PUBLICITY_DAYS).lastDay,
      days: PUBLICITY_DAYS,
      ...(proposed.success ? { amountFen: proposed.data.proposedAmountFen } : {}),
    };
    if (proposed.success && proposed.data.village && input.village === BLANK)
      input.village = proposed.data.village;
  }
  const decided = last(
    'decide_approve',
    'decide_adjust',
    'decide_stop',
    'decide_reject',
    'review_ineligible',
  );
  if (decided) input.decision = decisionOf(decided, day(decided));
  const meeting = meetingPayload.safeParse(decided?.payload);
  if (decided && meeting.success) {
    const minutes = await meetingOf(db, meeting.data.meeting.minutesRef, row, input);
    if (minutes) input.meeting = minutes;
  }
  if (row.program === 'linshi') input.temporaryAid = { incident: BLANK };
  return input;
}

function residenceOf(row: CaseRow, townships: readonly Township[]) {
  if (!row.residenceTownshipId || row.residenceTownshipId === row.townshipId) return {};
  const name = townships.find((t) => t.id === row.residenceTownshipId)?.name;
  return name ? { residenceTownshipName: name } : {};
}

/** 18 or older on the day the application was made, from the ID number; unknown counts as adult. */
function isAdult(idNumber: string | undefined, on: string): boolean {
  const checked = idNumber ? checkIdNumber(idNumber) : undefined;
  if (!checked?.ok) return true;
  const [y, m, d] = checked.birthDate.split('-').map(Number) as [number, number, number];
  const eighteenth = `${y + 18}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return eighteenth <= on;
}

function decisionOf(event: EventRow, decidedOn: string): DocumentCaseInput['decision'] {
  const payload = event.payload as Record<string, unknown>;
  const reasons = z.array(z.string()).catch([]).parse(payload.reasons);
  if (event.eventType === 'decide_approve' || event.eventType === 'decide_adjust') {
    const amount = amountPayload.parse(payload);
    return event.eventType === 'decide_approve'
      ? { type: 'approve', decidedOn, ...amount }
      : { type: 'adjust', decidedOn, ...amount, reasons };
  }
  if (event.eventType === 'decide_stop')
    return { type: 'stop', decidedOn, lastMonth: z.string().parse(payload.lastMonth), reasons };
  return { type: 'reject', decidedOn, reasons };
}

async function staffNames(db: Db, events: readonly EventRow[]): Promise<Map<string, string>> {
  const ids = new Set(events.map((e) => e.actorId));
  for (const e of events) {
    const visit = visitSchema.safeParse(e.payload);
    if (visit.success) for (const s of visit.data.visit.staff) ids.add(s.staffId);
  }
  if (ids.size === 0) return new Map();
  const rows = await db
    .select({ userId: staffMembers.userId, name: staffMembers.name })
    .from(staffMembers)
    .where(inArray(staffMembers.userId, [...ids]));
  return new Map(rows.map((r) => [r.userId, r.name]));
}

/** The meeting that decided the case (`meeting:<id>`), with who was invited and in what role. */
async function meetingOf(
  db: Db,
  minutesRef: string,
  row: CaseRow,
  input: DocumentCaseInput,
): Promise<DocumentCaseInput['meeting']> {
  const id = /^meeting:(\d+)$/.exec(minutesRef)?.[1];
  if (!id) return undefined;
  const [meeting] = await db
    .select()
    .from(meetings)
    .where(eq(meetings.id, Number(id)));
  if (!meeting) return undefined;
  const attendees = await db
    .select({ name: staffMembers.name, position: staffMembers.position, role: staffMembers.role })
    .from(meetingInvitations)
    .innerJoin(staffMembers, eq(staffMembers.userId, meetingInvitations.userId))
    .where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.answer, 'attend')));
  const organiser = await db
    .select({ name: staffMembers.name })
    .from(staffMembers)
    .where(eq(staffMembers.userId, meeting.organiserId));
  return {
    heldOn: shanghaiDate(meeting.heldAt),
    place: meeting.place,
    host: organiser[0]?.name ?? BLANK,
    recorder: organiser[0]?.name ?? BLANK,
    attendees: attendees.map((a) => ({
      name: a.name,
      position: a.position ?? '',
      role:
        a.role === 'coordination_member'
          ? ('coordination_member' as const)
          : ('township_caseworker' as const),
    })),
    items: [
      {
        caseId: row.id,
        applicantName: row.applicantName,
        program: row.program,
        householdSize: row.householdSize,
        ...(input.decision ? { decision: input.decision } : {}),
      },
    ],
  };
}

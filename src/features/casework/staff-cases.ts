import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { CaseRow } from '../../core/cases/case-records';
import type { Db } from '../../core/db/database';
import { cases, dueTimers } from '../../core/db/schema';
import type { StaffMember } from '../../core/staff/staff-directory';
import {
  type LocalDate,
  toLocalDate,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../../domain/calendar';
import { CASE_STATES, type CaseState } from '../../domain/workflow/case-states';

/** States in which a case waits for the township (accept, investigate, decide, file, re-check). */
const NEEDS_TOWNSHIP: readonly CaseState[] = CASE_STATES.filter(
  (s) =>
    !['not_accepted', 'referred_to_bureau', 'escalated_to_bureau', 'filed', 'in_payment', 'closed'].includes(
      s,
    ),
);

/** Timers whose date the law sets: the township must act by then (publicity is a minimum, not a deadline). */
const LEGAL_DEADLINES = ['decision', 'investigation', 'rejection-notice', 'advance-records'] as const;
type LegalDeadline = (typeof LEGAL_DEADLINES)[number];

export interface TodoItem {
  id: string;
  program: CaseRow['program'];
  applicantName: string;
  state: CaseState;
  /** The nearest statutory deadline still open on the case (decision, investigation, written notice, 补办). */
  deadline?: { kind: LegalDeadline; dueOn: string; workingDaysLeft: number };
}

/**
 * A caseworker's to-do list: their township's cases that wait for the township (and, for 人户分离,
 * cases it investigates for another township), and decided cases whose written notice is still
 * due, ordered by working days left on the nearest open statutory deadline, overdue first; cases
 * without a running deadline (not yet accepted, or decided and to be filed) follow, oldest first.
 * HIV-tagged cases are with the bureau and never listed.
 */
export async function todoOf(
  db: Db,
  staff: StaffMember,
  today: LocalDate,
  calendar: WorkingDayCalendar,
  limit = 30,
): Promise<{ items: TodoItem[]; total: number }> {
  if (!staff.townshipId) return { items: [], total: 0 };
  const ofTownship = and(
    or(eq(cases.townshipId, staff.townshipId), eq(cases.residenceTownshipId, staff.townshipId)),
    eq(cases.hivTagged, false),
  );
  const timers = await db
    .select({ caseId: dueTimers.caseId, kind: dueTimers.kind, dueOn: dueTimers.dueOn })
    .from(dueTimers)
    .innerJoin(cases, eq(cases.id, dueTimers.caseId))
    .where(and(ofTownship, eq(dueTimers.status, 'open'), inArray(dueTimers.kind, [...LEGAL_DEADLINES])));
  const nearest = new Map<string, { kind: LegalDeadline; dueOn: string }>();
  for (const t of timers) {
    const seen = nearest.get(t.caseId);
    if (!seen || t.dueOn < seen.dueOn)
      nearest.set(t.caseId, { kind: t.kind as LegalDeadline, dueOn: t.dueOn });
  }
  const rows = await db
    .select({
      id: cases.id,
      program: cases.program,
      applicantName: cases.applicantName,
      state: cases.state,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .where(
      and(
        ofTownship,
        or(inArray(cases.state, [...NEEDS_TOWNSHIP]), inArray(cases.id, [...nearest.keys(), ''])),
      ),
    )
    .orderBy(asc(cases.createdAt));
  // Thousands of cases share a few dozen due dates: count each date's working days once.
  const daysLeft = new Map<string, number>();
  const leftUntil = (dueOn: string) => {
    let days = daysLeft.get(dueOn);
    if (days === undefined) {
      days = workingDaysBetween(calendar, today, toLocalDate(dueOn)).days;
      daysLeft.set(dueOn, days);
    }
    return days;
  };
  const items = rows.map((r) => {
    const item: TodoItem = {
      id: r.id,
      program: r.program,
      applicantName: r.applicantName,
      state: r.state as CaseState,
    };
    const due = nearest.get(r.id);
    if (due)
      item.deadline = {
        ...due,
        workingDaysLeft: leftUntil(due.dueOn),
      };
    return item;
  });
  // Overdue first, then by working days left; cases without a deadline last, oldest first (stable sort).
  items.sort(
    (a, b) =>
      (a.deadline ? 0 : 1) - (b.deadline ? 0 : 1) ||
      (a.deadline && b.deadline ? a.deadline.workingDaysLeft - b.deadline.workingDaysLeft : 0),
  );
  return { items: items.slice(0, limit), total: items.length };
}

/**
 * A case as a staff member may see it: their township's (户籍 or, for 人户分离, residence), or any
 * for the bureau. Another township's case is answered exactly like a missing one, so its
 * existence is not revealed.
 */
export async function caseForStaff(db: Db, staff: StaffMember, caseId: string): Promise<CaseRow | undefined> {
  // Case numbers are upper case (SQ…); a phone keyboard often types sq….
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId.toUpperCase()));
  if (!row) return undefined;
  if (staff.role === 'bureau_supervisor' || staff.role === 'admin') return row;
  // Jilin rule: an HIV case is with the bureau and out of township flows, including their views.
  if (!staff.townshipId || row.hivTagged) return undefined;
  if (row.townshipId === staff.townshipId) return row;
  if (row.residenceTownshipId === staff.townshipId) return row;
  return undefined;
}

/** States in which a case waits for the bureau: its own decision first, then filings to review. */
const NEEDS_BUREAU: readonly CaseState[] = ['referred_to_bureau', 'escalated_to_bureau', 'filed'];

export interface BureauTodoItem {
  id: string;
  program: CaseRow['program'];
  townshipId: string;
  state: CaseState;
  /** When the case reached the bureau's queue (its last step). */
  since: Date;
}

/**
 * A bureau supervisor's to-do list (四(一); docs/domain.md §17, Jilin HIV rule): cases referred to the
 * bureau (HIV and other confidential cases) and escalated as 一事一议, which only the bureau can
 * decide, oldest first; then filings awaiting review. HIV-tagged cases are listed here, and only
 * here: the bureau is where they belong.
 */
export async function bureauTodoOf(db: Db, limit = 30): Promise<{ items: BureauTodoItem[]; total: number }> {
  const rows = await db
    .select({
      id: cases.id,
      program: cases.program,
      townshipId: cases.townshipId,
      state: cases.state,
      since: cases.updatedAt,
    })
    .from(cases)
    .where(inArray(cases.state, [...NEEDS_BUREAU]))
    .orderBy(asc(cases.updatedAt), asc(cases.id));
  const items = rows
    .map((r) => ({ ...r, state: r.state as CaseState }))
    .sort((a, b) => NEEDS_BUREAU.indexOf(a.state) - NEEDS_BUREAU.indexOf(b.state));
  return { items: items.slice(0, limit), total: items.length };
}

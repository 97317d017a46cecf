import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cases, dueTimers } from '../db/schema';
import { type LocalDate, toLocalDate, type WorkingDayCalendar, workingDaysBetween } from '../domain/calendar';
import { CASE_STATES, type CaseState } from '../domain/workflow/case-states';
import type { CaseRow } from './case-records';
import type { StaffMember } from './staff-directory';

/** States in which a case waits for the township (accept, investigate, decide, file, re-check). */
const NEEDS_TOWNSHIP: readonly CaseState[] = CASE_STATES.filter(
  (s) =>
    !['not_accepted', 'referred_to_bureau', 'escalated_to_bureau', 'filed', 'in_payment', 'closed'].includes(
      s,
    ),
);

export interface TodoItem {
  id: string;
  program: CaseRow['program'];
  applicantName: string;
  state: CaseState;
  /** The statutory decision deadline, when it runs. */
  decision?: { dueOn: string; workingDaysLeft: number };
}

/**
 * A caseworker's to-do list: their township's cases that wait for the township (and, for 人户分离,
 * cases it investigates for another township), ordered by working days left on the decision
 * deadline, overdue first; cases without a running deadline (not yet accepted, or decided and to
 * be filed) follow, oldest first. HIV-tagged cases are with the bureau and never listed.
 */
export async function todoOf(
  db: Db,
  staff: StaffMember,
  today: LocalDate,
  calendar: WorkingDayCalendar,
  limit = 30,
): Promise<{ items: TodoItem[]; total: number }> {
  if (!staff.townshipId) return { items: [], total: 0 };
  const rows = await db
    .select({
      id: cases.id,
      program: cases.program,
      applicantName: cases.applicantName,
      state: cases.state,
      createdAt: cases.createdAt,
      dueOn: dueTimers.dueOn,
    })
    .from(cases)
    .leftJoin(
      dueTimers,
      and(eq(dueTimers.caseId, cases.id), eq(dueTimers.kind, 'decision'), eq(dueTimers.status, 'open')),
    )
    .where(
      and(
        or(eq(cases.townshipId, staff.townshipId), eq(cases.residenceTownshipId, staff.townshipId)),
        inArray(cases.state, [...NEEDS_TOWNSHIP]),
        eq(cases.hivTagged, false),
      ),
    )
    .orderBy(asc(dueTimers.dueOn), asc(cases.createdAt));
  const items = rows.map((r) => {
    const item: TodoItem = {
      id: r.id,
      program: r.program,
      applicantName: r.applicantName,
      state: r.state as CaseState,
    };
    if (r.dueOn)
      item.decision = {
        dueOn: r.dueOn,
        workingDaysLeft: workingDaysBetween(calendar, today, toLocalDate(r.dueOn)).days,
      };
    return item;
  });
  // Dates sort as strings; cases without a deadline go last (NULLS LAST differs between drivers' defaults).
  items.sort((a, b) => (a.decision ? 0 : 1) - (b.decision ? 0 : 1));
  return { items: items.slice(0, limit), total: items.length };
}

/**
 * A case as a staff member may see it: their township's (户籍 or, for 人户分离, residence), or any
 * for the bureau. Another township's case is answered exactly like a missing one, so its
 * existence is not revealed.
 */
export async function caseForStaff(db: Db, staff: StaffMember, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
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
 * A bureau supervisor's to-do list (四(一), DOMAIN.md Jilin HIV rule): cases referred to the
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

import { eq } from 'drizzle-orm';
import type { CaseRow } from '../../core/cases/case-records';
import type { Db } from '../../core/db/database';
import { cases } from '../../core/db/schema';
import type { StaffMember } from '../../core/staff/staff-directory';
import {
  type LocalDate,
  toLocalDate,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../../domain/calendar';
import type { CaseState } from '../../domain/workflow/case-states';
import type { LegalDeadline } from '../../domain/workflow/work-queues';
import { bureauTodoPage, type TownshipTodoRow, townshipTodoPage } from './todo-list';

export interface TodoItem {
  id: string;
  program: CaseRow['program'];
  applicantName: string;
  state: CaseState;
  /** The nearest statutory deadline still open on the case (decision, investigation, written notice, 补办). */
  deadline?: { kind: LegalDeadline; dueOn: string; workingDaysLeft: number };
}

/**
 * Working days left on each row's deadline, counted for the rows shown only: a page shares a few
 * due dates, each counted once.
 */
export function withWorkingDaysLeft(
  rows: readonly TownshipTodoRow[],
  today: LocalDate,
  calendar: WorkingDayCalendar,
): TodoItem[] {
  const daysLeft = new Map<string, number>();
  const leftUntil = (dueOn: string) => {
    let days = daysLeft.get(dueOn);
    if (days === undefined) {
      days = workingDaysBetween(calendar, today, toLocalDate(dueOn)).days;
      daysLeft.set(dueOn, days);
    }
    return days;
  };
  return rows.map((r) => ({
    id: r.id,
    program: r.program,
    applicantName: r.applicantName,
    state: r.state as CaseState,
    ...(r.deadline ? { deadline: { ...r.deadline, workingDaysLeft: leftUntil(r.deadline.dueOn) } } : {}),
  }));
}

/**
 * A caseworker's to-do list: their township's cases that wait for the township (and, for 人户分离,
 * cases it investigates for another township), and decided cases whose written notice is still
 * due, ordered by the nearest open statutory deadline (its due date, so its working days left),
 * overdue first; cases without a running deadline (not yet accepted, or decided and to be filed)
 * follow, oldest first. HIV-tagged cases are with the bureau and never listed. Ordered, counted and
 * cut in the database: working days are counted for the rows returned only.
 */
export async function todoOf(
  db: Db,
  staff: StaffMember,
  today: LocalDate,
  calendar: WorkingDayCalendar,
  limit = 30,
): Promise<{ items: TodoItem[]; total: number }> {
  if (!staff.townshipId) return { items: [], total: 0 };
  const page = await townshipTodoPage(db, staff.townshipId, {}, limit);
  return { items: withWorkingDaysLeft(page.rows, today, calendar), total: page.matched };
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
  const page = await bureauTodoPage(db, {}, limit);
  return { items: page.rows.map((r) => ({ ...r, state: r.state as CaseState })), total: page.matched };
}

import { and, count, countDistinct, eq, gte, inArray, lt, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { cases, dueTimers } from '../../core/db/schema';
import { addCalendarDays, dayOfWeek, type LocalDate } from '../../domain/calendar';

/** A case in these states is no longer being worked (decided and paid, closed, or refused at the door). */
const NOT_OPEN = ['closed', 'not_accepted', 'in_payment'];
/** Deadlines the law sets (as in 待办): the township must act by then. */
const LEGAL_DEADLINES = ['decision', 'investigation', 'rejection-notice'];

export interface OpenCount {
  townshipId: string;
  program: string;
  state: string;
  n: number;
}

export interface DeadlineCounts {
  townshipId: string;
  overdue: number;
  dueThisWeek: number;
}

/** Open cases by township, program and step: one grouped query over the whole city. */
export async function openCases(db: Db): Promise<OpenCount[]> {
  const rows = await db
    .select({ townshipId: cases.townshipId, program: cases.program, state: cases.state, n: count() })
    .from(cases)
    .where(notInArray(cases.state, NOT_OPEN))
    .groupBy(cases.townshipId, cases.program, cases.state);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The last day of the week `today` is in (weeks run Monday to Sunday). */
export function endOfWeek(today: LocalDate): LocalDate {
  const dow = dayOfWeek(today);
  return addCalendarDays(today, dow === 0 ? 0 : 7 - dow);
}

/**
 * Per township, the cases with a statutory deadline already passed, and those whose nearest one
 * falls between today and Sunday. A case counts once in each.
 */
export async function deadlineCounts(db: Db, today: LocalDate): Promise<DeadlineCounts[]> {
  const open = and(eq(dueTimers.status, 'open'), inArray(dueTimers.kind, LEGAL_DEADLINES));
  const per = async (range: ReturnType<typeof and>) =>
    db
      .select({ townshipId: cases.townshipId, n: countDistinct(dueTimers.caseId) })
      .from(dueTimers)
      .innerJoin(cases, eq(cases.id, dueTimers.caseId))
      .where(and(open, range))
      .groupBy(cases.townshipId);
  const overdue = await per(lt(dueTimers.dueOn, today));
  const week = await per(and(gte(dueTimers.dueOn, today), lte(dueTimers.dueOn, endOfWeek(today))));
  const ids = new Set([...overdue, ...week].map((r) => r.townshipId));
  return [...ids].map((townshipId) => ({
    townshipId,
    overdue: Number(overdue.find((r) => r.townshipId === townshipId)?.n ?? 0),
    dueThisWeek: Number(week.find((r) => r.townshipId === townshipId)?.n ?? 0),
  }));
}

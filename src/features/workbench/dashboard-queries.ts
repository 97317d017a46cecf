import { count, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { queryRows } from '../../core/db/raw-query';
import { cases } from '../../core/db/schema';
import { addCalendarDays, dayOfWeek, type LocalDate } from '../../domain/calendar';
import { LEGAL_DEADLINES } from '../../domain/workflow/work-queues';

/** A case in these states is no longer being worked (decided and paid, closed, or refused at the door). */
const NOT_OPEN = ['closed', 'not_accepted', 'in_payment'];
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
    // In the index's order (township, step, program): counted from the index alone, no sort.
    .groupBy(cases.townshipId, cases.state, cases.program);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The last day of the week `today` is in (weeks run Monday to Sunday). */
export function endOfWeek(today: LocalDate): LocalDate {
  const dow = dayOfWeek(today);
  return addCalendarDays(today, dow === 0 ? 0 : 7 - dow);
}

/**
 * Per township, the cases with a statutory deadline already passed, and those with one falling
 * between today and Sunday. A case counts once in each. One pass over the open timers due
 * by Sunday, grouped by case, on the township each timer carries: no join with every case.
 */
export async function deadlineCounts(db: Db, today: LocalDate): Promise<DeadlineCounts[]> {
  const kinds = sql.join(
    LEGAL_DEADLINES.map((k) => sql`${k}`),
    sql`, `,
  );
  const rows = await queryRows<{ township_id: string; overdue: number; this_week: number }>(
    db,
    sql`select d.township_id, count(*) filter (where d.overdue)::int as overdue,
          count(*) filter (where d.this_week)::int as this_week
        from (
          select t.township_id, t.case_id, bool_or(t.due_on < ${today}) as overdue,
            bool_or(t.due_on >= ${today}) as this_week
          from due_timers t
          where t.status = 'open' and t.kind in (${kinds}) and t.due_on <= ${endOfWeek(today)}
            and t.township_id is not null
          group by t.township_id, t.case_id
        ) d
        group by d.township_id`,
  );
  return rows.map((r) => ({
    townshipId: r.township_id,
    overdue: Number(r.overdue),
    dueThisWeek: Number(r.this_week),
  }));
}

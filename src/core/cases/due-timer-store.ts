import { and, asc, eq, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import { addWorkingDays, type LocalDate, toLocalDate, type WorkingDayCalendar } from '../../domain/calendar';
import { type DueTimerSpec, recomputeStaleTimers } from '../../domain/deadlines';
import type { Db } from '../db/database';
import { cases, dueTimers } from '../db/schema';

export type StoredTimer = typeof dueTimers.$inferSelect;

/**
 * After the holiday calendar changed (a new year's schedule, a corrected override file), every open
 * timer computed with another version is recomputed and saved. Returns the timers whose dates
 * moved or whose provisional mark was lifted. Idempotent: a second run finds nothing stale.
 */
export async function recomputeStoredTimers(db: Db, calendar: WorkingDayCalendar, now: Date) {
  // Locked, in one transaction: a case step extending a timer at the same moment waits, not lost.
  return db.transaction(async (tx) => recomputeLocked(tx, calendar, now));
}

async function recomputeLocked(db: Db, calendar: WorkingDayCalendar, now: Date) {
  const stale = await db
    .select()
    .from(dueTimers)
    .where(and(eq(dueTimers.status, 'open'), ne(dueTimers.calendarVersion, calendar.version)))
    .for('update');
  const results = recomputeStaleTimers(
    stale.map((t) => t.spec as DueTimerSpec),
    calendar,
  );
  for (const { after } of results) {
    await db
      .update(dueTimers)
      .set({
        dueOn: after.dueDate,
        warnOn: after.warnings.map((w) => w.date),
        provisional: after.provisional,
        calendarVersion: after.calendarVersion,
        spec: after,
        updatedAt: now,
      })
      .where(eq(dueTimers.id, after.id));
  }
  return results.filter((r) => r.datesChanged || r.confirmed);
}

/** Open timers of a township's cases falling due within `n` working days of today (overdue first). */
export async function timersDueWithin(
  db: Db,
  calendar: WorkingDayCalendar,
  township: string,
  today: LocalDate,
  n: number,
): Promise<StoredTimer[]> {
  const horizon = addWorkingDays(calendar, today, n).date;
  const rows = await db
    .select({ timer: dueTimers })
    .from(dueTimers)
    .innerJoin(cases, eq(cases.id, dueTimers.caseId))
    .where(and(eq(dueTimers.status, 'open'), eq(cases.townshipId, township), lte(dueTimers.dueOn, horizon)))
    .orderBy(asc(dueTimers.dueOn));
  return rows.map((r) => r.timer);
}

/** Open legal deadlines already past (publicity, a minimum period, is never overdue). */
export async function overdueTimers(db: Db, today: LocalDate, township?: string): Promise<StoredTimer[]> {
  const rows = await db
    .select({ timer: dueTimers })
    .from(dueTimers)
    .innerJoin(cases, eq(cases.id, dueTimers.caseId))
    .where(
      and(
        eq(dueTimers.status, 'open'),
        lt(dueTimers.dueOn, today),
        ne(dueTimers.kind, 'publicity'),
        township ? eq(cases.townshipId, township) : undefined,
      ),
    )
    .orderBy(asc(dueTimers.dueOn));
  return rows.map((r) => r.timer);
}

/** The last day of a case's publicity, while one is on record (what the guard compares against). */
export async function publicityLastDayOf(db: Db, caseId: string): Promise<LocalDate | undefined> {
  const [timer] = await db
    .select({ dueOn: dueTimers.dueOn })
    .from(dueTimers)
    .where(and(eq(dueTimers.caseId, caseId), eq(dueTimers.kind, 'publicity')));
  return timer ? toLocalDate(timer.dueOn) : undefined;
}

/**
 * Gives timers written without their case's township (by a previous version still running during
 * an upgrade, after migration 0015 filled the rest) the township of their case. Answers the count.
 */
export async function fillTimerTownships(db: Db): Promise<number> {
  const filled = await db
    .update(dueTimers)
    .set({
      townshipId: sql`(select ${cases.townshipId} from ${cases} where ${cases.id} = ${dueTimers.caseId})`,
    })
    .where(
      and(
        isNull(dueTimers.townshipId),
        sql`exists (select 1 from ${cases} where ${cases.id} = ${dueTimers.caseId})`,
      ),
    )
    .returning({ id: dueTimers.id });
  return filled.length;
}

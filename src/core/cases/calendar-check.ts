import { shanghaiDate, type WorkingDayCalendar, yearOf } from '../../domain/calendar';
import type { Database } from '../db/database';
import type { Logger } from '../log/logger';
import { recomputeStoredTimers } from './due-timer-store';

/**
 * At start-up: recompute deadlines made with another calendar version, and warn when next year's
 * holiday schedule is missing (the State Council usually publishes it in November or December),
 * since deadlines running into that year are provisional until it is added to config/holidays/.
 */
export async function checkCalendar(
  database: Database,
  calendar: WorkingDayCalendar,
  now: Date,
  log: Logger,
) {
  const changed = await recomputeStoredTimers(database.db, calendar, now);
  if (changed.length > 0) {
    log.info(
      { calendar: calendar.version, timers: changed.length },
      'deadlines recomputed for a new holiday calendar',
    );
  }
  const nextYear = yearOf(shanghaiDate(now)) + 1;
  if (!calendar.isYearConfirmed(nextYear)) {
    log.warn(
      { year: nextYear },
      `no holiday schedule for ${nextYear}: deadlines running into it are provisional; add config/holidays/${nextYear}.json`,
    );
  }
}

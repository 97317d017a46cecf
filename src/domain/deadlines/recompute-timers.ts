import type { WorkingDayCalendar } from '../calendar';
import { computeTimer, draftOf } from './compute-timer';
import type { DueTimerSpec } from './deadline-types';

/**
 * When the calendar changes (a new override file, a corrected one, a new `chinese-days`), stored
 * timers are recomputed from their own anchor, period and rule values: only the dates move, the
 * rules they were created under stay as recorded.
 */

/** One stored timer and its recomputation. */
export interface TimerRecomputation {
  readonly before: DueTimerSpec;
  readonly after: DueTimerSpec;
  /** The due date or a warning date moved: alerts must be rescheduled, the case perhaps told. */
  readonly datesChanged: boolean;
  /** The timer was provisional and no longer is (its year's schedule is now confirmed). */
  readonly confirmed: boolean;
}

/** The timer on `calendar`; the same timer (new version) when nothing moved. */
export function recomputeTimer(timer: DueTimerSpec, calendar: WorkingDayCalendar): DueTimerSpec {
  return computeTimer(draftOf(timer), calendar);
}

/**
 * Recomputes the timers made on another calendar version; timers already on `calendar.version`
 * are left out, so running it twice does nothing the second time.
 */
export function recomputeStaleTimers(
  timers: readonly DueTimerSpec[],
  calendar: WorkingDayCalendar,
): TimerRecomputation[] {
  return timers
    .filter((timer) => timer.calendarVersion !== calendar.version)
    .map((before) => {
      const after = recomputeTimer(before, calendar);
      return {
        before,
        after,
        datesChanged: datesOf(before) !== datesOf(after),
        confirmed: before.provisional && !after.provisional,
      };
    });
}

function datesOf(timer: DueTimerSpec): string {
  return [timer.dueDate, ...timer.warnings.map((w) => `${w.id}@${w.date}`)].join(' ');
}

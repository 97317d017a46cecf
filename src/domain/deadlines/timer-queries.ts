import {
  combineMarks,
  compareLocalDates,
  type LocalDate,
  type ProvisionalMark,
  type WorkingDayCalendar,
  type WorkingDayCount,
  workingDaysBetween,
} from '../calendar';
import type { DueTimerSpec, WarningPoint } from './deadline-types';

/**
 * Questions the bot and cron ask of timers, given today's date (the caller derives it from the
 * injected clock with `shanghaiDate(now)`). A due date is met on the day itself; the timer is
 * overdue from the next day.
 */

/** Where a timer stands today. */
export type TimerStatus = 'pending' | 'warning' | 'due-today' | 'overdue' | 'period-over';

/** A timer seen from `today`. */
export interface TimerStanding extends ProvisionalMark {
  readonly timer: DueTimerSpec;
  readonly status: TimerStatus;
  /** Working days after today up to and including the due date; negative once overdue. */
  readonly workingDaysLeft: number;
  /** Warning points reached by today, latest last. */
  readonly reachedWarnings: readonly WarningPoint[];
}

/**
 * Working days after `today` up to and including the due date: 0 on the due day, 1 the working
 * day before, negative when past. Provisional when the span crosses an unconfirmed year.
 */
export function workingDaysLeft(
  calendar: WorkingDayCalendar,
  timer: DueTimerSpec,
  today: LocalDate,
): WorkingDayCount {
  return workingDaysBetween(calendar, today, timer.dueDate);
}

/**
 * A deadline or target not met by its due date. A `minimum-period` timer (publicity) is never
 * overdue: its end allows the next step rather than demanding it.
 */
export function isOverdue(timer: DueTimerSpec, today: LocalDate): boolean {
  return timer.nature !== 'minimum-period' && compareLocalDates(today, timer.dueDate) > 0;
}

/** A minimum period (publicity) has run in full: the next step may go ahead. */
export function isPeriodOver(timer: DueTimerSpec, today: LocalDate): boolean {
  return timer.nature === 'minimum-period' && compareLocalDates(today, timer.dueDate) > 0;
}

/** The timer's warning points whose date has come. */
export function reachedWarnings(timer: DueTimerSpec, today: LocalDate): WarningPoint[] {
  return timer.warnings.filter((w) => compareLocalDates(w.date, today) <= 0);
}

/** Status, working days left and reached warnings in one answer. */
export function timerStanding(
  calendar: WorkingDayCalendar,
  timer: DueTimerSpec,
  today: LocalDate,
): TimerStanding {
  const left = workingDaysLeft(calendar, timer, today);
  const warnings = reachedWarnings(timer, today);
  const order = compareLocalDates(today, timer.dueDate);
  let status: TimerStatus;
  if (order > 0) status = timer.nature === 'minimum-period' ? 'period-over' : 'overdue';
  else if (order === 0) status = 'due-today';
  else status = warnings.length > 0 ? 'warning' : 'pending';
  return {
    timer,
    status,
    workingDaysLeft: left.days,
    reachedWarnings: warnings,
    ...combineMarks(timer, left),
  };
}

/**
 * Deadlines and targets due within `n` working days of today (due today included, overdue
 * excluded), soonest first: the "due in N working days" list.
 */
export function dueWithinWorkingDays(
  calendar: WorkingDayCalendar,
  timers: readonly DueTimerSpec[],
  today: LocalDate,
  n: number,
): DueTimerSpec[] {
  return sortByDueDate(
    timers.filter((timer) => {
      if (timer.nature === 'minimum-period' || isOverdue(timer, today)) return false;
      return workingDaysLeft(calendar, timer, today).days <= n;
    }),
  );
}

/** Deadlines and targets past their due date, oldest first. */
export function overdueTimers(timers: readonly DueTimerSpec[], today: LocalDate): DueTimerSpec[] {
  return sortByDueDate(timers.filter((timer) => isOverdue(timer, today)));
}

function sortByDueDate(timers: DueTimerSpec[]): DueTimerSpec[] {
  return timers.sort((a, b) => compareLocalDates(a.dueDate, b.dueDate) || a.id.localeCompare(b.id));
}

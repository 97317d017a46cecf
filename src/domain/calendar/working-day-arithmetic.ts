import { addCalendarDays, compareLocalDates, type LocalDate, yearOf } from './local-date';
import type { WorkingDayCalendar } from './working-day-calendar';

/**
 * Counting in working days, the unit of every deadline in 六 (last paragraph): "自受理之日起30个
 * 工作日内完成".
 *
 * Counting rule, one for all deadlines: the start day is never counted and day 1 is the first
 * working day after it (民法典 第二百零一条第二款: 按照年、月、日计算期间的，开始的当日不计入，
 * 自下一日开始计算). So a case accepted on Friday counts from Monday, and one recorded on a
 * Saturday or a holiday also counts from the next working day: the day it was recorded on is
 * not a working day and would not be counted anyway. We deliberately do not treat a non-working
 * acceptance as "accepted on the next working day" (which would not count that day either and
 * give one more day): a deadline shown a day early harms no one, a day late risks a breach.
 * Because the count ends on its n-th working day, a working-day deadline never ends on a day off
 * (so 民法典 第二百零三条, moving an end that falls on a holiday, never applies).
 */

/** Set when a computation touched a year with no confirmed schedule (Monday–Friday fallback). */
export interface ProvisionalMark {
  readonly provisional: boolean;
  /** The unconfirmed years touched, ascending; empty when `provisional` is false. */
  readonly unconfirmedYears: readonly number[];
}

/** A date computed on the calendar. */
export interface WorkingDayResult extends ProvisionalMark {
  readonly date: LocalDate;
}

/** A number of working days counted on the calendar. */
export interface WorkingDayCount extends ProvisionalMark {
  readonly days: number;
}

/** Whether the township works on `date` (State Council schedule, 调休 included). */
export function isWorkingDay(calendar: WorkingDayCalendar, date: LocalDate): boolean {
  return calendar.describeDay(date).working;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(calendar: WorkingDayCalendar, date: LocalDate): WorkingDayResult {
  return addWorkingDays(calendar, date, 1);
}

/**
 * The n-th working day after `start`, `start` itself not counted (see the counting rule above).
 * `n = 0` gives `start` back. This is the due date of "within n working days of `start`".
 */
export function addWorkingDays(calendar: WorkingDayCalendar, start: LocalDate, n: number): WorkingDayResult {
  assertCount(n);
  let date = start;
  for (let left = n; left > 0; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(calendar, date)) left -= 1;
  }
  return { date, ...mark(calendar, start, date) };
}

/**
 * The n-th working day before `date`, `date` itself not counted; `n = 0` gives `date` back.
 * Used for warning points ("5 working days before the due date").
 */
export function subtractWorkingDays(
  calendar: WorkingDayCalendar,
  date: LocalDate,
  n: number,
): WorkingDayResult {
  assertCount(n);
  let day = date;
  for (let left = n; left > 0; ) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(calendar, day)) left -= 1;
  }
  return { date: day, ...mark(calendar, day, date) };
}

/**
 * Working days in `(from, to]`: how many working days lie after `from` up to and including `to`.
 * Negative when `to` is before `from`. The inverse of {@link addWorkingDays}:
 * `workingDaysBetween(s, addWorkingDays(s, n).date) === n`. "Working days left" is
 * `workingDaysBetween(today, due)`.
 */
export function workingDaysBetween(
  calendar: WorkingDayCalendar,
  from: LocalDate,
  to: LocalDate,
): WorkingDayCount {
  const order = compareLocalDates(from, to);
  if (order === 0) return { days: 0, provisional: false, unconfirmedYears: [] };
  const [low, high, sign] = order < 0 ? [from, to, 1] : [to, from, -1];
  let days = 0;
  for (let d = addCalendarDays(low, 1); compareLocalDates(d, high) <= 0; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(calendar, d)) days += 1;
  }
  // `|| 0` keeps -0 out of results (and out of stored rows).
  return { days: sign * days || 0, ...mark(calendar, low, high) };
}

/** One mark for several computations: provisional if any was, with all their unconfirmed years. */
export function combineMarks(...marks: readonly ProvisionalMark[]): ProvisionalMark {
  const years = [...new Set(marks.flatMap((m) => m.unconfirmedYears))].sort((a, b) => a - b);
  return { provisional: years.length > 0, unconfirmedYears: years };
}

/** Provisional mark for the days in `(low, high]`. */
function mark(calendar: WorkingDayCalendar, low: LocalDate, high: LocalDate): ProvisionalMark {
  if (compareLocalDates(low, high) >= 0) return { provisional: false, unconfirmedYears: [] };
  const unconfirmedYears: number[] = [];
  for (let year = yearOf(addCalendarDays(low, 1)); year <= yearOf(high); year += 1) {
    if (!calendar.isYearConfirmed(year)) unconfirmedYears.push(year);
  }
  return { provisional: unconfirmedYears.length > 0, unconfirmedYears };
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`working days must be a whole number >= 0, got ${n}`);
}

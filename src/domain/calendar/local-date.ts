/**
 * Calendar dates as the townships see them: a day in Asia/Shanghai, written 'YYYY-MM-DD'.
 *
 * Deadlines in the notice are counted in whole days, never in hours, so the domain works on
 * dates, not instants. The arithmetic here goes through UTC epoch days, so nothing depends on
 * the machine's time zone.
 */

/** A calendar date 'YYYY-MM-DD' (Asia/Shanghai). Branded so an unchecked string cannot pass. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** 0 = Sunday … 6 = Saturday, as in `Date.getUTCDay`. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const MS_PER_DAY = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Years we accept: wide enough for any case, narrow enough that `Date.UTC` never misreads them. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
/** China Standard Time is UTC+8 with no daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** True when `value` is a real date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isLocalDate(value: string): value is LocalDate {
  const match = PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Checks and brands a date string; throws on a malformed or impossible date (a caller bug). */
export function toLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`not a calendar date 'YYYY-MM-DD': ${JSON.stringify(value)}`);
  return value;
}

/** Days since 1970-01-01 for a date; the one number all date arithmetic goes through. */
export function toEpochDay(date: LocalDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The date `epochDay` days after 1970-01-01. */
export function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  const text = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return toLocalDate(text);
}

/**
 * Adds `n` calendar days (negative goes back). Used for periods the rules count in natural
 * days, such as the 7-day publicity of 六(三).
 */
export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`calendar days must be an integer, got ${n}`);
  return fromEpochDay(toEpochDay(date) + n);
}

/** The weekday of a date, independent of the machine's time zone. */
export function dayOfWeek(date: LocalDate): DayOfWeek {
  return new Date(toEpochDay(date) * MS_PER_DAY).getUTCDay() as DayOfWeek;
}

/** Saturday or Sunday: the days off of a week with no holiday in it. */
export function isWeekend(date: LocalDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** The calendar year of a date. */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Negative, zero or positive like a comparator; 'YYYY-MM-DD' strings sort as dates. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The date in Shanghai at instant `now`. The clock is always passed in (docs/architecture.md, one clock), and the
 * township's day is what counts, whatever zone the server runs in.
 */
export function shanghaiDate(now: Date): LocalDate {
  return fromEpochDay(Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** Wall-clock parts of an instant in Asia/Shanghai (for templates: no wording in code). */
export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  /** HH:MM, 24-hour. */
  time: string;
  /** YYYY-MM-DD. */
  date: LocalDate;
}

/** The wall-clock reading of an instant in Shanghai (China has no daylight saving). */
export function shanghaiParts(at: Date): ShanghaiParts {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    time: `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`,
    date: shanghaiDate(at),
  };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

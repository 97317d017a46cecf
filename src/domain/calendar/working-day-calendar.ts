import { createHash } from 'node:crypto';
import { expandSpan, type HolidayOverrideFile } from './holiday-override-schema';
import { isWeekend, type LocalDate, yearOf } from './local-date';
import { CHINESE_DAYS_VERSION, chineseDaysSchedules, type YearSchedule } from './official-schedule';

/**
 * The working-day calendar that deadlines of 六 (last paragraph) are counted on: the State
 * Council schedule with its make-up working weekends (调休), from `chinese-days` and the local
 * override files, and for a year neither has Monday–Friday less the fixed-date statutory holidays
 * (marked unconfirmed).
 */

/** Why a day is or is not worked. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';

/** Where the answer for a day comes from; `unconfirmed` means the Monday–Friday fallback. */
export type DaySource = 'chinese-days' | 'override' | 'unconfirmed';

/** Everything known about one date. */
export interface DayInfo {
  readonly date: LocalDate;
  readonly working: boolean;
  readonly kind: DayKind;
  readonly source: DaySource;
  /** False when the year's official schedule is not known: the answer may still change. */
  readonly confirmed: boolean;
  /** Festival name for holidays and make-up days. */
  readonly festival: string | undefined;
}

/** A calendar built once at start-up (or when the override files change) and passed around. */
export interface WorkingDayCalendar {
  /**
   * Identifies the data: `chinese-days` version plus a hash of the override files. Stored with
   * every deadline so it can be recomputed when the data changes, and explained later.
   */
  readonly version: string;
  /** Years with a confirmed schedule, ascending. */
  readonly confirmedYears: readonly number[];
  describeDay(date: LocalDate): DayInfo;
  isYearConfirmed(year: number): boolean;
}

/**
 * Builds the calendar. An override file is the complete schedule of its year and takes the
 * place of the package's data for that year, so a late correction by the State Council can be
 * applied without waiting for a package release. `official` is the package's data unless a test
 * states which years its sources cover (the package gains a year with each State Council notice).
 */
export function createWorkingDayCalendar(
  overrides: readonly HolidayOverrideFile[] = [],
  official: ReadonlyMap<number, YearSchedule> = chineseDaysSchedules(),
): WorkingDayCalendar {
  const schedules = new Map<number, YearSchedule>(official);
  const sorted = [...overrides].sort((a, b) => a.year - b.year);
  for (const file of sorted) {
    if (schedules.get(file.year)?.source === 'override') {
      throw new Error(`two holiday override files for ${file.year}`);
    }
    schedules.set(file.year, scheduleFromOverride(file));
  }
  const confirmedYears = [...schedules.keys()].sort((a, b) => a - b);
  return {
    version: calendarVersion(sorted),
    confirmedYears,
    isYearConfirmed: (year) => schedules.has(year),
    describeDay: (date) => describe(date, schedules.get(yearOf(date))),
  };
}

/**
 * Holidays on fixed Gregorian dates by law (《全国年节及纪念日放假办法》第二条, as revised in 2024:
 * 元旦 1/1, 劳动节 5/1–5/2, 国庆节 10/1–10/3). A year whose State Council schedule is not yet
 * published still has these; only the make-up days around them and the lunar festivals are
 * unknown. Without them 1 January counted as a working day and alerts went out on New Year's Day.
 */
const STATUTORY_FIXED_HOLIDAYS: ReadonlyMap<string, string> = new Map([
  ['01-01', '元旦'],
  ['05-01', '劳动节'],
  ['05-02', '劳动节'],
  ['10-01', '国庆节'],
  ['10-02', '国庆节'],
  ['10-03', '国庆节'],
]);

function describe(date: LocalDate, schedule: YearSchedule | undefined): DayInfo {
  const weekend = isWeekend(date);
  if (!schedule) {
    const statutory = STATUTORY_FIXED_HOLIDAYS.get(date.slice(5));
    if (statutory !== undefined) {
      return {
        date,
        working: false,
        kind: 'holiday',
        source: 'unconfirmed',
        confirmed: false,
        festival: statutory,
      };
    }
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      source: 'unconfirmed',
      confirmed: false,
      festival: undefined,
    };
  }
  const base = { date, source: schedule.source, confirmed: true } as const;
  const makeUp = schedule.makeUpWorkdays.get(date);
  if (makeUp !== undefined) return { ...base, working: true, kind: 'make-up-workday', festival: makeUp };
  const holiday = schedule.holidays.get(date);
  if (holiday !== undefined) return { ...base, working: false, kind: 'holiday', festival: holiday };
  return { ...base, working: !weekend, kind: weekend ? 'weekend' : 'workday', festival: undefined };
}

function scheduleFromOverride(file: HolidayOverrideFile): YearSchedule {
  const holidays = new Map<LocalDate, string>();
  for (const span of file.holidays) {
    for (const date of expandSpan(span.from, span.to)) holidays.set(date, span.name);
  }
  return {
    year: file.year,
    source: 'override',
    reference: `${file.source.reference} (override v${file.version})`,
    holidays,
    makeUpWorkdays: new Map(file.makeUpWorkdays.map((d) => [d.date, d.name])),
  };
}

/**
 * `chinese-days@1.5.7` alone, or with `+overrides[2027v1]:<12 hex>`: readable years and
 * versions, plus a hash of the parsed content so an edit that forgot to bump `version` still
 * changes the string.
 */
function calendarVersion(sorted: readonly HolidayOverrideFile[]): string {
  const base = `chinese-days@${CHINESE_DAYS_VERSION}`;
  if (sorted.length === 0) return base;
  const years = sorted.map((f) => `${f.year}v${f.version}`).join(',');
  const hash = createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 12);
  return `${base}+overrides[${years}]:${hash}`;
}

import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import { z } from 'zod';
import { isLocalDate, type LocalDate, yearOf } from './local-date';

/**
 * The State Council holiday schedules as published by the `chinese-days` package.
 *
 * We read the package's data file rather than call `isWorkday()`: its date helper parses
 * 'YYYY-MM-DD' as UTC and formats in local time, so its answers shift by a day on machines west
 * of UTC. The data itself is plain and checked here once at load.
 */

/** One year of the official schedule: days off on weekdays or weekends, and make-up weekends worked. */
export interface YearSchedule {
  readonly year: number;
  /** Where the year comes from; `override` files name their notice in `reference`. */
  readonly source: 'chinese-days' | 'override';
  readonly reference: string;
  /** Holiday date -> festival name (春节, 国庆节 …). */
  readonly holidays: ReadonlyMap<LocalDate, string>;
  /** Make-up working day (调休上班) -> festival it belongs to. */
  readonly makeUpWorkdays: ReadonlyMap<LocalDate, string>;
}

const dataSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

/** The installed package's version, part of the calendar version string. */
export const CHINESE_DAYS_VERSION: string = z.string().parse(chineseDaysPackage.version);

/**
 * Years the package covers, each as a schedule. A year counts as covered when the package lists
 * at least one holiday in it (every published year has several).
 */
export function chineseDaysSchedules(): ReadonlyMap<number, YearSchedule> {
  cached ??= buildSchedules();
  return cached;
}

let cached: ReadonlyMap<number, YearSchedule> | undefined;

function buildSchedules(): ReadonlyMap<number, YearSchedule> {
  const data = dataSchema.parse(chineseDaysData);
  const holidays = new Map<number, Map<LocalDate, string>>();
  const workdays = new Map<number, Map<LocalDate, string>>();
  collect(data.holidays, holidays);
  collect(data.workdays, workdays);
  const schedules = new Map<number, YearSchedule>();
  for (const [year, days] of holidays) {
    schedules.set(year, {
      year,
      source: 'chinese-days',
      reference: `chinese-days@${CHINESE_DAYS_VERSION}`,
      holidays: days,
      makeUpWorkdays: workdays.get(year) ?? new Map(),
    });
  }
  return schedules;
}

function collect(entries: Record<string, string>, into: Map<number, Map<LocalDate, string>>): void {
  for (const [date, label] of Object.entries(entries)) {
    if (!isLocalDate(date)) throw new Error(`chinese-days data has a malformed date: ${date}`);
    const year = yearOf(date);
    let days = into.get(year);
    if (!days) {
      days = new Map();
      into.set(year, days);
    }
    days.set(date, festivalName(label));
  }
}

/** Labels look like "National Day,国庆节,3": keep the Chinese name. */
function festivalName(label: string): string {
  return label.split(',')[1] ?? label;
}

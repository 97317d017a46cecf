import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createWorkingDayCalendar,
  type HolidayOverrideFile,
  type WorkingDayCalendar,
} from '../../../src/domain/calendar';
import { chineseDaysSchedules, type YearSchedule } from '../../../src/domain/calendar/official-schedule';

/**
 * Temporary override folders for tests. The 2027 schedule used here is FICTIONAL: the real one
 * is not published in our sources, and config/holidays/ must not get an invented file.
 */

/**
 * The official data as if its sources stopped after `lastYear`: tests about a year without a
 * confirmed schedule say so, instead of relying on the installed package not knowing 2027 yet.
 */
export function officialThrough(lastYear: number): ReadonlyMap<number, YearSchedule> {
  return new Map([...chineseDaysSchedules()].filter(([year]) => year <= lastYear));
}

/** The calendar of the installed package's data up to 2026 and nothing after. */
export function calendarThrough2026(overrides: readonly HolidayOverrideFile[] = []): WorkingDayCalendar {
  return createWorkingDayCalendar(overrides, officialThrough(2026));
}

/** A made-up 2027 schedule: New Year 1–3 January off, no make-up day; Spring Festival invented. */
export const FICTIONAL_2027 = {
  year: 2027,
  version: 1,
  source: { title: 'FICTIONAL test schedule for 2027', reference: 'test-only' },
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-14' },
  ],
  makeUpWorkdays: [{ date: '2027-02-20', name: '春节' }],
};

/** A fresh empty folder, removed by `cleanup`. */
export function makeOverrideDir(): {
  dir: string;
  write: (name: string, content: unknown) => void;
  cleanup: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-holidays-'));
  return {
    dir,
    write: (name, content) =>
      fs.writeFileSync(
        path.join(dir, name),
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      ),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

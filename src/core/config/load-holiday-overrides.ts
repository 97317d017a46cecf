import fs from 'node:fs';
import path from 'node:path';
import {
  type HolidayOverrideFile,
  holidayOverrideFileSchema,
} from '../../domain/calendar/holiday-override-schema';
import {
  createWorkingDayCalendar,
  type WorkingDayCalendar,
} from '../../domain/calendar/working-day-calendar';

/**
 * Reads `config/holidays/<year>.json` (the folder is passed in: the domain knows no project
 * paths). Any problem stops start-up: a silently skipped file would mean deadlines counted on
 * the wrong days.
 */

const FILE_NAME = /^(\d{4})\.json$/;

/** A holiday override file that cannot be used; `file` names it for the operator. */
export class HolidayOverrideError extends Error {
  override readonly name = 'HolidayOverrideError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`holiday override ${file}: ${problems.join('; ')}`);
  }
}

/**
 * Parses every `<year>.json` in `dir`, ordered by year. Other `.json` names are refused (a
 * misnamed file would otherwise be ignored); non-JSON files such as README.md are skipped.
 */
export function loadHolidayOverrides(dir: string): HolidayOverrideFile[] {
  const names = fs
    .readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.json'))
    .sort();
  return names.map((name) => {
    const file = path.join(dir, name);
    const match = FILE_NAME.exec(name);
    if (!match) throw new HolidayOverrideError(file, ['file name must be <year>.json, e.g. 2027.json']);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new HolidayOverrideError(file, [`not valid JSON: ${(err as Error).message}`]);
    }
    const parsed = holidayOverrideFileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new HolidayOverrideError(
        file,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`),
      );
    }
    if (parsed.data.year !== Number(match[1])) {
      throw new HolidayOverrideError(file, [`"year" is ${parsed.data.year} but the file is named ${name}`]);
    }
    return parsed.data;
  });
}

/** The calendar for `chinese-days` plus the override files in `dir`. */
export function loadWorkingDayCalendar(dir: string): WorkingDayCalendar {
  return createWorkingDayCalendar(loadHolidayOverrides(dir));
}

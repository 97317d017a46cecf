import path from 'node:path';
import {
  HolidayOverrideError,
  loadHolidayOverrides,
  loadWorkingDayCalendar,
} from '../../../src/core/config/load-holiday-overrides';
import { FICTIONAL_2027, makeOverrideDir } from './holiday-fixtures';

describe('loading config/holidays/<year>.json', () => {
  let folder: ReturnType<typeof makeOverrideDir>;
  beforeEach(() => {
    folder = makeOverrideDir();
  });
  afterEach(() => folder.cleanup());

  const problemsOf = (): readonly string[] => {
    try {
      loadHolidayOverrides(folder.dir);
    } catch (err) {
      if (err instanceof HolidayOverrideError) return err.problems;
      throw err;
    }
    throw new Error('expected a HolidayOverrideError');
  };

  it('loads a valid file and skips the README', () => {
    folder.write('README.md', '# notes');
    folder.write('2027.json', FICTIONAL_2027);
    const [file] = loadHolidayOverrides(folder.dir);
    expect(file).toMatchObject({ year: 2027, version: 1 });
    expect(loadWorkingDayCalendar(folder.dir).isYearConfirmed(2027)).toBe(true);
  });

  it('loads nothing from an empty folder', () => {
    expect(loadHolidayOverrides(folder.dir)).toEqual([]);
  });

  it('the repository folder holds no invented year and loads cleanly', () => {
    const repoFolder = path.join(__dirname, '../../../config/holidays');
    expect(loadHolidayOverrides(repoFolder).map((f) => f.year)).not.toContain(2027);
  });

  it('refuses a file whose year does not match its name', () => {
    folder.write('2028.json', FICTIONAL_2027);
    expect(problemsOf()).toEqual(['"year" is 2027 but the file is named 2028.json']);
  });

  it('refuses a misnamed JSON file instead of ignoring it', () => {
    folder.write('holidays-2027.json', FICTIONAL_2027);
    expect(problemsOf()[0]).toMatch(/<year>\.json/);
  });

  it('refuses broken JSON', () => {
    folder.write('2027.json', '{ "year": 2027, ');
    expect(problemsOf()[0]).toMatch(/not valid JSON/);
  });

  it('refuses dates outside the year, duplicates, weekday make-up days and unknown fields', () => {
    folder.write('2027.json', {
      ...FICTIONAL_2027,
      holidays: [
        { name: '元旦', from: '2026-12-31', to: '2027-01-01' },
        { name: '元旦', from: '2027-01-01' },
      ],
      makeUpWorkdays: [{ date: '2027-01-04', name: '元旦' }],
      comment: 'not allowed',
    });
    const problems = problemsOf().join('\n');
    expect(problems).toMatch(/Unrecognized key.*comment/);
    expect(problems).toMatch(/2026-12-31 is not in 2027/);
    expect(problems).toMatch(/2027-01-01 is listed twice/);
    expect(problems).toMatch(/2027-01-04 is a make-up day but not a weekend/);
  });

  it('refuses impossible dates and reversed spans', () => {
    folder.write('2027.json', {
      ...FICTIONAL_2027,
      holidays: [{ name: '春节', from: '2027-02-10', to: '2027-02-06' }],
      makeUpWorkdays: [{ date: '2027-02-30', name: '春节' }],
    });
    const problems = problemsOf().join('\n');
    expect(problems).toMatch(/makeUpWorkdays\.0\.date: expected a calendar date/);
    expect(problems).toMatch(/`to` must not be before `from`/);
  });

  it('refuses a missing folder', () => {
    expect(() => loadHolidayOverrides(path.join(folder.dir, 'nope'))).toThrow(/ENOENT/);
  });
});

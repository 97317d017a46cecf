import {
  createWorkingDayCalendar,
  holidayOverrideFileSchema,
  toLocalDate,
} from '../../../src/domain/calendar';
import { calendarThrough2026, FICTIONAL_2027 } from './holiday-fixtures';

const calendar = createWorkingDayCalendar();
const day = (date: string) => calendar.describeDay(toLocalDate(date));
/** Sources that stop after 2026: what the calendar does with a year nobody has published. */
const through2026 = calendarThrough2026();

describe('working-day calendar from chinese-days', () => {
  it('has the official schedule through 2026 from the package, and no year nobody can have', () => {
    expect(calendar.isYearConfirmed(2026)).toBe(true);
    expect(calendar.isYearConfirmed(2099)).toBe(false);
    expect(calendar.confirmedYears.at(-1)).toBeGreaterThanOrEqual(2026);
    expect(calendar.version).toMatch(/^chinese-days@\d+\.\d+\.\d+$/);
    expect(through2026.confirmedYears.at(-1)).toBe(2026);
  });

  it('knows the 2026 Mid-Autumn and National Day holidays and their make-up days', () => {
    // 国务院办公厅 2026 schedule (as in chinese-days): 中秋 9/25–27; 国庆 10/1–7; 9/20 (Sun) and 10/10 (Sat) worked.
    expect(day('2026-09-25')).toMatchObject({
      working: false,
      kind: 'holiday',
      festival: '中秋',
      confirmed: true,
    });
    expect(day('2026-10-07')).toMatchObject({ working: false, kind: 'holiday', festival: '国庆节' });
    expect(day('2026-09-20')).toMatchObject({ working: true, kind: 'make-up-workday', festival: '国庆节' });
    expect(day('2026-10-10')).toMatchObject({ working: true, kind: 'make-up-workday' });
    expect(day('2026-10-11')).toMatchObject({ working: false, kind: 'weekend' });
    expect(day('2026-10-08')).toMatchObject({ working: true, kind: 'workday', source: 'chinese-days' });
  });

  it('falls back to Monday–Friday, unconfirmed, for a year nobody has', () => {
    const unpublished = (date: string) => through2026.describeDay(toLocalDate(date));
    expect(unpublished('2027-01-04')).toMatchObject({
      working: true,
      source: 'unconfirmed',
      confirmed: false,
    });
    expect(unpublished('2027-01-02')).toMatchObject({ working: false, kind: 'weekend', confirmed: false });
    expect(day('2099-01-05')).toMatchObject({ working: true, source: 'unconfirmed', confirmed: false });
  });

  it('keeps the fixed-date statutory holidays in a year without a schedule (D5: alerts on New Year’s Day)', () => {
    const unpublished = (date: string) => through2026.describeDay(toLocalDate(date));
    expect(unpublished('2027-01-01')).toMatchObject({
      working: false,
      kind: 'holiday',
      festival: '元旦',
      source: 'unconfirmed',
      confirmed: false,
    });
    for (const date of ['2099-05-01', '2099-05-02', '2099-10-01', '2099-10-02', '2099-10-03'])
      expect(day(date)).toMatchObject({ working: false, kind: 'holiday', confirmed: false });
    expect(day('2099-10-05')).toMatchObject({ working: true });
  });
});

describe('working-day calendar with an override', () => {
  const file2027 = holidayOverrideFileSchema.parse(FICTIONAL_2027);
  const withOverride = createWorkingDayCalendar([file2027]);

  it('confirms the year and uses its days', () => {
    expect(withOverride.isYearConfirmed(2027)).toBe(true);
    expect(withOverride.describeDay(toLocalDate('2027-01-01'))).toMatchObject({
      working: false,
      source: 'override',
      festival: '元旦',
    });
    expect(withOverride.describeDay(toLocalDate('2027-02-20'))).toMatchObject({
      working: true,
      kind: 'make-up-workday',
    });
  });

  it('names the override in its version, which changes with the content', () => {
    expect(withOverride.version).toMatch(/^chinese-days@[\d.]+\+overrides\[2027v1\]:[0-9a-f]{12}$/);
    const edited = holidayOverrideFileSchema.parse({ ...FICTIONAL_2027, makeUpWorkdays: [] });
    expect(createWorkingDayCalendar([edited]).version).not.toBe(withOverride.version);
    expect(createWorkingDayCalendar([file2027]).version).toBe(withOverride.version);
  });

  it('replaces the package data for a year the package has', () => {
    const corrected = holidayOverrideFileSchema.parse({
      year: 2026,
      version: 1,
      source: { title: 'test', reference: 'test-only' },
      holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-03' }],
      makeUpWorkdays: [],
    });
    const replaced = createWorkingDayCalendar([corrected]);
    expect(replaced.describeDay(toLocalDate('2026-10-05'))).toMatchObject({
      working: true,
      source: 'override',
    });
    expect(replaced.describeDay(toLocalDate('2026-10-10'))).toMatchObject({
      working: false,
      kind: 'weekend',
    });
  });

  it('refuses two files for one year', () => {
    expect(() => createWorkingDayCalendar([file2027, file2027])).toThrow(
      /two holiday override files for 2027/,
    );
  });
});

import {
  addWorkingDays,
  createWorkingDayCalendar,
  holidayOverrideFileSchema,
  isWorkingDay,
  nextWorkingDay,
  subtractWorkingDays,
  toLocalDate,
  workingDaysBetween,
} from '../../../src/domain/calendar';
import { calendarThrough2026, FICTIONAL_2027 } from './holiday-fixtures';

const calendar = createWorkingDayCalendar();
const d = toLocalDate;

describe('addWorkingDays: 期间开始之日不计算在内', () => {
  it('counts 30 working days from 2026-09-25 across Mid-Autumn, National Day and the 10/10 make-up Saturday', () => {
    // 2026-09-25 is a Friday but also 中秋 (holiday 9/25–27): the acceptance day is not counted anyway.
    //  1 9/28 Mon   2 9/29   3 9/30           (10/1–10/7 国庆节 off)
    //  4 10/8 Thu   5 10/9 Fri   6 10/10 Sat (调休 make-up working day)
    //  7–11 10/12–16   12–16 10/19–23   17–21 10/26–30   22–26 11/2–6   27–30 11/9–12
    // Due: 2026-11-12 (Thu). Counting Monday–Friday only would give 11/06: the holidays take 5
    // weekdays (10/1, 10/2, 10/5, 10/6, 10/7) and give back 1 Saturday, net 4 working days later.
    expect(addWorkingDays(calendar, d('2026-09-25'), 30)).toEqual({
      date: '2026-11-12',
      provisional: false,
      unconfirmedYears: [],
    });
  });

  it('does not count a working acceptance day', () => {
    // Accepted Tue 9/29: day 1 is 9/30, day 2 is 10/8 (after National Day).
    expect(addWorkingDays(calendar, d('2026-09-29'), 1).date).toBe('2026-09-30');
    expect(addWorkingDays(calendar, d('2026-09-29'), 2).date).toBe('2026-10-08');
    expect(addWorkingDays(calendar, d('2026-09-29'), 30).date).toBe('2026-11-16');
  });

  it('counts an acceptance recorded on a Saturday from the next working day, like one on the Friday before', () => {
    // Sat 2026-03-07: day 1 is Mon 3/09; the same due date as an acceptance on Fri 3/06,
    // one working day earlier than an acceptance on Mon 3/09.
    const saturday = addWorkingDays(calendar, d('2026-03-07'), 30).date;
    expect(saturday).toBe('2026-04-20');
    expect(addWorkingDays(calendar, d('2026-03-06'), 30).date).toBe(saturday);
    expect(addWorkingDays(calendar, d('2026-03-09'), 30).date).toBe('2026-04-21');
    expect(addWorkingDays(calendar, d('2026-03-07'), 1).date).toBe('2026-03-09');
  });

  it('counts an acceptance recorded during a holiday from the first working day after it', () => {
    // Recorded on 10/3 (National Day): day 1 is Thu 10/8.
    expect(addWorkingDays(calendar, d('2026-10-03'), 1).date).toBe('2026-10-08');
  });

  it('gives the start back for 0 and refuses fractions and negatives', () => {
    expect(addWorkingDays(calendar, d('2026-10-03'), 0).date).toBe('2026-10-03');
    expect(() => addWorkingDays(calendar, d('2026-10-03'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, d('2026-10-03'), 2.5)).toThrow(RangeError);
  });
});

describe('other working-day helpers', () => {
  it('isWorkingDay and nextWorkingDay follow the schedule', () => {
    expect(isWorkingDay(calendar, d('2026-10-10'))).toBe(true);
    expect(isWorkingDay(calendar, d('2026-10-01'))).toBe(false);
    expect(nextWorkingDay(calendar, d('2026-09-30')).date).toBe('2026-10-08');
    expect(nextWorkingDay(calendar, d('2026-10-09')).date).toBe('2026-10-10');
  });

  it('subtractWorkingDays steps back over holidays', () => {
    expect(subtractWorkingDays(calendar, d('2026-10-12'), 1).date).toBe('2026-10-10');
    expect(subtractWorkingDays(calendar, d('2026-10-08'), 1).date).toBe('2026-09-30');
    expect(subtractWorkingDays(calendar, d('2026-11-12'), 5).date).toBe('2026-11-05');
  });

  it('workingDaysBetween counts (from, to] and goes negative backwards', () => {
    expect(workingDaysBetween(calendar, d('2026-09-25'), d('2026-11-12')).days).toBe(30);
    expect(workingDaysBetween(calendar, d('2026-11-12'), d('2026-09-25')).days).toBe(-30);
    expect(workingDaysBetween(calendar, d('2026-10-01'), d('2026-10-07')).days).toBe(0);
    expect(workingDaysBetween(calendar, d('2026-10-09'), d('2026-10-09')).days).toBe(0);
  });
});

describe('years without a confirmed schedule', () => {
  // Sources that stop after 2026, as they did when this was written: 2027 has no schedule.
  const unpublished2027 = calendarThrough2026();

  it('marks a count running into 2027 provisional, Monday–Friday less the statutory 1/1', () => {
    // From Tue 2026-12-01, Monday–Friday through 2027, 1/1 (元旦 by law) off: 2027-01-13.
    expect(addWorkingDays(unpublished2027, d('2026-12-01'), 30)).toEqual({
      date: '2027-01-13',
      provisional: true,
      unconfirmedYears: [2027],
    });
    expect(workingDaysBetween(unpublished2027, d('2026-12-01'), d('2027-01-13'))).toMatchObject({
      days: 30,
      provisional: true,
    });
  });

  it('is confirmed once a 2027 schedule exists', () => {
    const confirmed = calendarThrough2026([holidayOverrideFileSchema.parse(FICTIONAL_2027)]);
    expect(addWorkingDays(confirmed, d('2026-12-01'), 30)).toEqual({
      date: '2027-01-13',
      provisional: false,
      unconfirmedYears: [],
    });
    // Across the (fictional) Spring Festival the published schedule moves the date: 5 weekdays
    // off, one Saturday worked.
    expect(addWorkingDays(unpublished2027, d('2027-01-15'), 30).date).toBe('2027-02-26');
    expect(addWorkingDays(confirmed, d('2027-01-15'), 30).date).toBe('2027-03-04');
  });

  it('does not mark a count that stays inside confirmed years', () => {
    expect(addWorkingDays(unpublished2027, d('2026-11-01'), 30).provisional).toBe(false);
    expect(addWorkingDays(calendar, d('2099-12-01'), 30)).toMatchObject({
      provisional: true,
      unconfirmedYears: [2099, 2100],
    });
  });
});

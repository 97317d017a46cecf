import fc from 'fast-check';
import {
  addCalendarDays,
  addWorkingDays,
  compareLocalDates,
  createWorkingDayCalendar,
  holidayOverrideFileSchema,
  isWorkingDay,
  type LocalDate,
  subtractWorkingDays,
  toLocalDate,
  workingDaysBetween,
} from '../../../src/domain/calendar';
import { FICTIONAL_2027 } from './holiday-fixtures';

// Confirmed years (chinese-days), a fictional override year and unconfirmed years all take part.
const calendars = [
  createWorkingDayCalendar(),
  createWorkingDayCalendar([holidayOverrideFileSchema.parse(FICTIONAL_2027)]),
];
const BASE = toLocalDate('2003-01-01');
/** Any date from 2003 (before chinese-days) to the end of 2028 (after it). */
const anyDate = fc.integer({ min: 0, max: 9_496 }).map((offset): LocalDate => addCalendarDays(BASE, offset));
const anyCalendar = fc.constantFrom(...calendars);
const anyCount = fc.integer({ min: 0, max: 120 });

describe('working-day arithmetic properties', () => {
  it('adding N working days then counting back gives N', () => {
    fc.assert(
      fc.property(anyCalendar, anyDate, anyCount, (calendar, start, n) => {
        const due = addWorkingDays(calendar, start, n);
        expect(workingDaysBetween(calendar, start, due.date).days).toBe(n);
        expect(workingDaysBetween(calendar, due.date, start).days).toBe(0 - n);
      }),
    );
  });

  it('no due date lands on a non-working day', () => {
    fc.assert(
      fc.property(anyCalendar, anyDate, fc.integer({ min: 1, max: 120 }), (calendar, start, n) => {
        expect(isWorkingDay(calendar, addWorkingDays(calendar, start, n).date)).toBe(true);
      }),
    );
  });

  it('is monotonic in the count and in the start date', () => {
    fc.assert(
      fc.property(anyCalendar, anyDate, anyCount, anyCount, (calendar, start, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const first = addWorkingDays(calendar, start, lo).date;
        const second = addWorkingDays(calendar, start, hi).date;
        expect(compareLocalDates(first, second)).toBeLessThanOrEqual(0);
        if (lo < hi) expect(compareLocalDates(first, second)).toBeLessThan(0);
      }),
    );
    fc.assert(
      fc.property(
        anyCalendar,
        anyDate,
        fc.integer({ min: 0, max: 60 }),
        anyCount,
        (calendar, start, gap, n) => {
          const later = addCalendarDays(start, gap);
          const a = addWorkingDays(calendar, start, n).date;
          const b = addWorkingDays(calendar, later, n).date;
          expect(compareLocalDates(a, b)).toBeLessThanOrEqual(0);
        },
      ),
    );
  });

  it('subtracting undoes adding from a working day', () => {
    fc.assert(
      fc.property(anyCalendar, anyDate, anyCount, (calendar, start, n) => {
        fc.pre(isWorkingDay(calendar, start));
        const due = addWorkingDays(calendar, start, n).date;
        expect(subtractWorkingDays(calendar, due, n).date).toBe(start);
      }),
    );
  });

  it('is provisional exactly when the span touches an unconfirmed year', () => {
    fc.assert(
      fc.property(anyCalendar, anyDate, fc.integer({ min: 1, max: 120 }), (calendar, start, n) => {
        const due = addWorkingDays(calendar, start, n);
        const firstYear = Number(addCalendarDays(start, 1).slice(0, 4));
        const lastYear = Number(due.date.slice(0, 4));
        const expected: number[] = [];
        for (let y = firstYear; y <= lastYear; y += 1) if (!calendar.isYearConfirmed(y)) expected.push(y);
        expect(due.unconfirmedYears).toEqual(expected);
        expect(due.provisional).toBe(expected.length > 0);
      }),
    );
  });
});

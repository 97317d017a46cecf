import {
  addCalendarDays,
  compareLocalDates,
  dayOfWeek,
  isLocalDate,
  shanghaiDate,
  toLocalDate,
  yearOf,
} from '../../../src/domain/calendar';

describe('LocalDate', () => {
  it('accepts real dates only', () => {
    expect(isLocalDate('2026-09-25')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-9-25')).toBe(false);
    expect(isLocalDate('2026-09-25T00:00:00Z')).toBe(false);
    expect(() => toLocalDate('2026-13-01')).toThrow(RangeError);
  });

  it('adds calendar days across months and years', () => {
    expect(addCalendarDays(toLocalDate('2026-12-28'), 7)).toBe('2027-01-04');
    expect(addCalendarDays(toLocalDate('2028-03-01'), -1)).toBe('2028-02-29');
    expect(() => addCalendarDays(toLocalDate('2026-01-01'), 1.5)).toThrow(RangeError);
  });

  it('knows weekdays without the machine time zone', () => {
    expect(dayOfWeek(toLocalDate('2026-09-25'))).toBe(5);
    expect(dayOfWeek(toLocalDate('2026-10-10'))).toBe(6);
    expect(yearOf(toLocalDate('2027-01-01'))).toBe(2027);
    expect(compareLocalDates(toLocalDate('2026-10-09'), toLocalDate('2026-10-10'))).toBeLessThan(0);
  });

  it('takes the date in Shanghai (UTC+8) from an injected instant', () => {
    expect(shanghaiDate(new Date('2026-09-24T15:59:59Z'))).toBe('2026-09-24');
    expect(shanghaiDate(new Date('2026-09-24T16:00:00Z'))).toBe('2026-09-25');
    expect(shanghaiDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});

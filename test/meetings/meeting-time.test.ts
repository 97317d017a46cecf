import { shanghaiParts } from '../../src/domain/calendar';
import { nextMonthOf, parseMeetingTime, parseMonth } from '../../src/features/meetings/meeting-time';

// Tuesday 1 December 2026, 09:00 in Shulan (UTC+8).
const now = new Date('2026-12-01T01:00:00Z');
const at = (input: string) => {
  const parsed = parseMeetingTime(input, now);
  return parsed.ok ? parsed.value.toISOString() : parsed.problem;
};

describe('meeting times as typed (Asia/Shanghai)', () => {
  it.each([
    ['12月3日 9:00', '2026-12-03T01:00:00.000Z'],
    ['12月3日9:00', '2026-12-03T01:00:00.000Z'],
    ['2026-12-03 09:00', '2026-12-03T01:00:00.000Z'],
    ['２０２６－１２－０３　０９：３０', '2026-12-03T01:30:00.000Z'],
    ['2026年12月3日 14:30', '2026-12-03T06:30:00.000Z'],
    ['12月3号 下午3点', '2026-12-03T07:00:00.000Z'],
    ['12月3日 上午9点半', '2026-12-03T01:30:00.000Z'],
    ['12/3 8:15', '2026-12-03T00:15:00.000Z'],
    ['1月5日 9:00', '2027-01-05T01:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(at(input)).toBe(expected);
  });

  it('full-width digits and colons are read like half-width ones', () => {
    expect(at('１２月３日 ９：００')).toBe('2026-12-03T01:00:00.000Z');
  });

  it('refuses a time in the past, a date without a time, impossible dates and far-off years', () => {
    expect(at('12月1日 8:59')).toBe('meeting_time_past');
    expect(at('11月20日 9:00')).toBe('meeting_time_past');
    expect(at('12月3日')).toBe('meeting_time_invalid');
    expect(at('明天上午')).toBe('meeting_time_invalid');
    expect(at('2月30日 9:00')).toBe('meeting_time_invalid');
    expect(at('12月3日 25:00')).toBe('meeting_time_invalid');
    expect(at('2028-12-03 09:00')).toBe('meeting_time_too_far');
  });

  it('shows an instant as Shanghai wall-clock parts', () => {
    expect(shanghaiParts(new Date('2026-12-31T16:30:00Z'))).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      time: '00:30',
      date: '2027-01-01',
    });
  });

  it('reads payment months and knows the next one', () => {
    expect(parseMonth('2027-01', now)).toEqual({ ok: true, value: '2027-01' });
    expect(parseMonth('2027年1月', now)).toEqual({ ok: true, value: '2027-01' });
    expect(parseMonth('1月', now)).toEqual({ ok: true, value: '2027-01' });
    expect(parseMonth('12月份', now)).toEqual({ ok: true, value: '2026-12' });
    expect(parseMonth('13月', now)).toEqual({ ok: false, problem: 'month_invalid' });
    expect(parseMonth('下个月', now)).toEqual({ ok: false, problem: 'month_invalid' });
    expect(nextMonthOf(now)).toBe('2027-01');
    expect(nextMonthOf(new Date('2026-11-30T16:00:00Z'))).toBe('2027-01');
  });
});

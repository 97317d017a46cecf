import { shanghaiParts } from '../../domain/calendar';
import { normaliseWidth } from '../../domain/text/typed-text';

/**
 * Meeting times as township staff type them and read them: a wall-clock time in Asia/Shanghai
 * (UTC+8, no daylight saving), stored as an instant.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** A meeting is planned for the coming months, not years. */
const MAX_AHEAD_MS = 366 * 86_400_000;
/** A date without a year that lies this recently in the past is a slip, not next year's date. */
const RECENT_PAST_MS = 60 * 86_400_000;

export type MeetingTimeProblem = 'meeting_time_invalid' | 'meeting_time_past' | 'meeting_time_too_far';

export type ParsedTime = { ok: true; value: Date } | { ok: false; problem: MeetingTimeProblem };

/** The instant of a wall-clock time in Asia/Shanghai; undefined for an impossible date or time. */
export function fromShanghai(year: number, month: number, day: number, hour: number, minute: number) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const probe = new Date(utc);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

const DATE_WITH_YEAR = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/;
const DATE_WITHOUT_YEAR = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/;
const TIME =
  /^(上午|早上|早晨|中午|下午|晚上)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|[点时](?:\s*(半)|\s*(\d{1,2})\s*分?)?)$/;

/**
 * A meeting date and time as typed: `2026-12-03 09:00`, `2026年12月3日 9:00`, `12月3日 9:00`,
 * `12月3日下午3点`, `12/3 14:30`. Without a year, the next such day is meant. The time must be
 * given, lie in the future and within a year.
 */
export function parseMeetingTime(input: string, now: Date): ParsedTime {
  const text = normaliseWidth(input)
    .replace(/[－—–]/g, '-')
    .replace(/／/g, '/')
    .replace(/．/g, '.')
    .trim()
    .replace(/[，,。.]$/, '');
  const withYear = DATE_WITH_YEAR.exec(text);
  const withoutYear = withYear ? undefined : DATE_WITHOUT_YEAR.exec(text);
  const dateMatch = withYear ?? withoutYear;
  if (!dateMatch) return { ok: false, problem: 'meeting_time_invalid' };
  const time = TIME.exec(text.slice(dateMatch[0].length).replace(/^[\s,，]+/, ''));
  if (!time) return { ok: false, problem: 'meeting_time_invalid' };
  let hour = Number(time[2]);
  const minute = time[3] !== undefined ? Number(time[3]) : time[4] ? 30 : time[5] ? Number(time[5]) : 0;
  const period = time[1];
  if (period && /下午|晚上/.test(period) && hour < 12) hour += 12;
  if (period === '中午' && hour < 6) hour += 12;
  const [month, day] = withYear
    ? [Number(withYear[2]), Number(withYear[3])]
    : [Number(dateMatch[1]), Number(dateMatch[2])];
  let at: Date | undefined;
  if (withYear) {
    at = fromShanghai(Number(withYear[1]), month, day, hour, minute);
  } else {
    const year = shanghaiParts(now).year;
    at = fromShanghai(year, month, day, hour, minute);
    // 1月5日 typed in late December means next January; a date just gone by is a slip, said as such.
    if (at && at.getTime() <= now.getTime() && now.getTime() - at.getTime() > RECENT_PAST_MS)
      at = fromShanghai(year + 1, month, day, hour, minute);
  }
  if (!at) return { ok: false, problem: 'meeting_time_invalid' };
  if (at.getTime() <= now.getTime()) return { ok: false, problem: 'meeting_time_past' };
  if (at.getTime() - now.getTime() > MAX_AHEAD_MS) return { ok: false, problem: 'meeting_time_too_far' };
  return { ok: true, value: at };
}

/** The month after the Shanghai day of `now`, YYYY-MM (payment starts then). */
export function nextMonthOf(now: Date): string {
  const { year, month } = shanghaiParts(now);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** A month as typed: `2027-01`, `2027年1月`, `1月` (the next such month from `now`). */
export function parseMonth(
  input: string,
  now: Date,
): { ok: true; value: string } | { ok: false; problem: 'month_invalid' } {
  const text = normaliseWidth(input).trim().replace(/\s/g, '');
  const full = /^(\d{4})[-/.年](\d{1,2})月?(份)?$/.exec(text);
  const short = full ? undefined : /^(\d{1,2})月(份)?$/.exec(text);
  const { year: thisYear, month: thisMonth } = shanghaiParts(now);
  const year = full ? Number(full[1]) : short && Number(short[1]) < thisMonth ? thisYear + 1 : thisYear;
  const month = Number((full ?? short)?.[full ? 2 : 1] ?? Number.NaN);
  if (!Number.isInteger(month) || month < 1 || month > 12 || year < 2000 || year > 2999)
    return { ok: false, problem: 'month_invalid' };
  return { ok: true, value: `${year}-${String(month).padStart(2, '0')}` };
}

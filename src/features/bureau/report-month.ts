import { type LocalDate, shanghaiDate, toLocalDate } from '../../domain/calendar';

/** A calendar month `YYYY-MM`, as the townships count it (Asia/Shanghai). */
export type ReportMonth = string & { readonly __brand: 'ReportMonth' };

const PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** China Standard Time is UTC+8 with no daylight saving since 1991. */
const SHANGHAI_OFFSET_HOURS = 8;

export function isReportMonth(value: string): value is ReportMonth {
  const match = PATTERN.exec(value);
  return match !== null && Number(match[1]) >= 1900 && Number(match[1]) <= 2999;
}

/** Checks and brands a month string; throws on a malformed one (a caller bug). */
export function toReportMonth(value: string): ReportMonth {
  if (!isReportMonth(value)) throw new RangeError(`not a month 'YYYY-MM': ${JSON.stringify(value)}`);
  return value;
}

function parts(month: ReportMonth): [number, number] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return [year, m];
}

function format(year: number, month: number): ReportMonth {
  return toReportMonth(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
}

/** The month a Shanghai date falls in. */
export function monthOf(date: LocalDate): ReportMonth {
  return toReportMonth(date.slice(0, 7));
}

/** The month before the one `now` falls in (Asia/Shanghai): what the job on the 1st reports. */
export function previousMonth(now: Date): ReportMonth {
  const [year, month] = parts(monthOf(shanghaiDate(now)));
  return month === 1 ? format(year - 1, 12) : format(year, month - 1);
}

/**
 * The instants a month covers in Asia/Shanghai: from 00:00 on its first day (inclusive) to 00:00
 * on the first day of the next month (exclusive), as UTC instants for querying timestamps.
 */
export function monthWindow(month: ReportMonth): { start: Date; end: Date } {
  const [year, m] = parts(month);
  return {
    start: new Date(Date.UTC(year, m - 1, 1, -SHANGHAI_OFFSET_HOURS)),
    end: new Date(Date.UTC(year, m, 1, -SHANGHAI_OFFSET_HOURS)),
  };
}

/** The first and last calendar day of the month. */
export function monthDays(month: ReportMonth): { first: LocalDate; last: LocalDate } {
  const [year, m] = parts(month);
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return {
    first: toLocalDate(`${month}-01`),
    last: toLocalDate(`${month}-${String(lastDay).padStart(2, '0')}`),
  };
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, for generation stamps people read. */
export function shanghaiDateTime(at: Date): string {
  const shifted = new Date(at.getTime() + SHANGHAI_OFFSET_HOURS * 3_600_000);
  return shifted.toISOString().slice(0, 16).replace('T', ' ');
}

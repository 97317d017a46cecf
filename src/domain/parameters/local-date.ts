/**
 * Calendar days as `YYYY-MM-DD` strings (the local date in Asia/Shanghai, computed by the caller
 * from its injected `now`). Effective dates and decision dates are days, not instants, so string
 * order is date order.
 */
export type LocalDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written as `YYYY-MM-DD` (rejects 2025-02-30 and the like). */
export function isLocalDate(value: string): value is LocalDate {
  const match = PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

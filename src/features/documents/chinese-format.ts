import { isLocalDate } from '../../domain/calendar/local-date';
import type { DocumentTemplate } from './document-templates';

/**
 * How documents write dates, months, money and ID numbers. The words (年月日, 元) come from the
 * common template; only the arithmetic is here.
 */

/** '2026-12-03' → 2026年12月3日 (no leading zeros, as Chinese official documents write dates). */
export function chineseDate(common: DocumentTemplate, date: string): string {
  if (!isLocalDate(date)) throw new RangeError(`not a date 'YYYY-MM-DD': ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return common.t('date', { year, month, day });
}

/** '2027-01' → 2027年1月. */
export function chineseMonth(common: DocumentTemplate, month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`not a month 'YYYY-MM': ${month}`);
  return common.t('month', { year: Number(match[1]), month: Number(match[2]) });
}

/** Integer fen as yuan with two decimals and thousands separators: 125000 → 1,250.00. */
export function yuanDigits(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`amount must be whole fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** 125000 fen → 1,250.00元. */
export function yuan(common: DocumentTemplate, fen: number): string {
  return common.t('yuan', { amount: yuanDigits(fen) });
}

/**
 * An ID number as a document that need not show it prints it: the first three and last four
 * characters, the birth date and the rest hidden (民发〔2021〕57号第二十四条: no unrelated
 * information; 个人信息保护法 第六条 minimum necessary). The 申请书 and 授权书 print it whole,
 * because the form exists to collect it; the 公示 never prints it at all.
 */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

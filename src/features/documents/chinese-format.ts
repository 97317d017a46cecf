import { isLocalDate } from '../../domain/calendar/local-date';
import { formatYuanAccounting } from '../../domain/money';
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

/** 125000 fen → 1,250.00: the accounting form printed documents use (src/domain/money.ts). */
export const yuanDigits = formatYuanAccounting;

/** 125000 fen → 1,250.00元. */
export function yuan(common: DocumentTemplate, fen: number): string {
  return common.t('yuan', { amount: yuanDigits(fen) });
}

/**
 * An ID number on a document that need not show it whole: the product's one masking rule (region
 * and last four characters, the birth date starred; src/core/privacy/mask.ts). 民发〔2021〕57号第二十四条:
 * no unrelated information. The 申请书 and 授权书 print it whole, because the form exists to collect
 * it; the 公示 never prints it at all.
 */
export { maskIdNumber } from '../../core/privacy/mask';

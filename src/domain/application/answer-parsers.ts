import { checkIdNumber } from '../case/id-number';
import { fenOf } from '../money';
import { normaliseWidth } from '../text/typed-text';
import { saysNothing } from './meaningful-text';
import { chineseInteger, withoutHedges } from './plain-numbers';

/**
 * Readers for what a resident types at each step of an application. Each gives the value or the
 * name of the problem; the chat turns the problem into a correction prompt (templates/), and the
 * answers already given stay as they were.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: AnswerProblem };

export type AnswerProblem =
  | 'empty'
  | 'too_long'
  | 'name_invalid'
  | 'name_is_phrase'
  | 'id_length'
  | 'id_characters'
  | 'id_birth_date'
  | 'id_checksum'
  | 'phone_invalid'
  | 'amount_invalid'
  | 'amount_too_large'
  | 'count_invalid'
  | 'yes_no_expected'
  | 'member_invalid'
  | 'choice_invalid'
  | 'text_invalid'
  | 'place_invalid'
  | 'date_invalid'
  | 'date_future'
  | 'date_before_case'
  | 'month_invalid'
  | 'statement_empty'
  | 'reason_empty'
  | 'names_invalid';

/** Longest free answer kept (a village name, a description); longer input is refused, not cut. */
export const MAX_FREE_TEXT = 200;

function cleaned(input: string): Parsed<string> {
  const text = normaliseWidth(input).trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (text.length > MAX_FREE_TEXT) return { ok: false, problem: 'too_long' };
  return { ok: true, value: text };
}

/**
 * What residents type at a name prompt that is not a name: greetings, thanks, replies, menu words,
 * the program's own words (你好 would pass as two Chinese characters).
 */
const NOT_A_NAME =
  /^(你好|您好|你们好|大家好|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|老师好|领导好|同志好|谢谢|谢谢你|谢谢您|多谢|好的|好滴|是的|不是|对的|不对|可以|行了|知道了|不知道|明白了|收到|嗯嗯|哈哈|没有|还没|你是谁|请问|咨询|人工|客服|转人工|帮助|菜单|返回|取消|退出|申请|我要申请|申请低保|申请特困|申请临时救助|办低保|低保|特困|五保|临时救助|救助|查询|进度)[啊呀吧呢哈了的]*$/u;

/** A person's name as on the ID card: 2–20 Chinese characters, with · for minority names. */
export function parseName(input: string): Parsed<string> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const name = text.value.replace(/\s/g, '').replace(/[•・.]/g, '·');
  if (NOT_A_NAME.test(name.replace(/[·\p{P}]/gu, ''))) return { ok: false, problem: 'name_is_phrase' };
  if (!/^[\p{Script=Han}][\p{Script=Han}·]{0,18}[\p{Script=Han}]$/u.test(name))
    return { ok: false, problem: 'name_invalid' };
  return { ok: true, value: name };
}

/** 身份证号: 18 characters, a real birth date and the GB 11643 check digit. */
export function parseIdNumber(input: string): Parsed<string> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const check = checkIdNumber(text.value.replace(/[\s-]/g, ''));
  if (check.ok) return { ok: true, value: check.value };
  const problems = {
    length: 'id_length',
    characters: 'id_characters',
    birth_date: 'id_birth_date',
    checksum: 'id_checksum',
  } as const;
  return { ok: false, problem: problems[check.reason] };
}

/** A mainland mobile number (1[3-9] + 9 digits) or a landline with its area code (0 + 9–11 digits). */
export function parsePhone(input: string): Parsed<string> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const digits = text.value.replace(/^\+?86/, '').replace(/[\s()（）-]/g, '');
  if (/^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits)) return { ok: true, value: digits };
  return { ok: false, problem: 'phone_invalid' };
}

const NONE_WORDS = /^(无|没有|没|0|零|暂无|一分没有|没收入|没有收入)$/;

/**
 * An amount of money in yuan → integer fen: 1200, 1200元, 1,200.5, ￥800; 无/没有 for zero. Letters
 * or words are refused rather than guessed (“一千二” is asked again as digits).
 */
export function parseAmountFen(input: string, maxYuan: number): Parsed<number> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const compact = text.value.replace(/[\s,，]/g, '');
  if (NONE_WORDS.test(compact)) return { ok: true, value: 0 };
  const plain = withoutHedges(compact.replace(/^(每月|一个月|一月|月)/, ''));
  const match =
    /^[¥￥]?(\d+(?:\.\d{1,2})?|[零〇一二两三四五六七八九十百千万]+)(元|块|块钱|元钱)?(每月|\/月|一个月)?$/.exec(
      withoutHedges(plain),
    );
  if (!match) return { ok: false, problem: 'amount_invalid' };
  const yuan = /^\d/.test(match[1]!) ? Number(match[1]) : (chineseInteger(match[1]!) ?? Number.NaN);
  if (!Number.isFinite(yuan)) return { ok: false, problem: 'amount_invalid' };
  if (yuan > maxYuan) return { ok: false, problem: 'amount_too_large' };
  return { ok: true, value: fenOf(yuan) };
}

/** A small whole number (people, houses): digits or 无 for zero, within [min, max]. */
export function parseCount(input: string, min: number, max: number): Parsed<number> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const compact = withoutHedges(text.value.replace(/[\s]/g, '')).replace(/[个人口套处辆间]/g, '');
  const value = NONE_WORDS.test(compact)
    ? 0
    : /^\d{1,3}$/.test(compact)
      ? Number(compact)
      : (chineseInteger(compact) ?? Number.NaN);
  if (!Number.isInteger(value) || value < min || value > max) return { ok: false, problem: 'count_invalid' };
  return { ok: true, value };
}

const YES =
  /^(是|是的|是啊|是呀|对|对的|对啊|对呀|有|有的|同意|愿意|好|好的|行|中|可以|嗯|嗯嗯|确认|y|yes)$/i;
const NO = /^(否|不是|不是的|不|不对|没有|没有的|没有啊|没|无|不同意|不愿意|不行|n|no)$/i;

export function parseYesNo(input: string): Parsed<boolean> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const word = text.value.replace(/[\s。.!！]/g, '');
  if (YES.test(word)) return { ok: true, value: true };
  if (NO.test(word)) return { ok: true, value: false };
  return { ok: false, problem: 'yes_no_expected' };
}

/** A short free answer (village, relation, description) of at most MAX_FREE_TEXT characters. */
export function parseFreeText(input: string): Parsed<string> {
  const text = cleaned(input);
  if (!text.ok) return text;
  // Emoji or punctuation alone says nothing a caseworker could use.
  if (!/[\p{Script=Han}\p{L}\p{N}]/u.test(text.value)) return { ok: false, problem: 'text_invalid' };
  return { ok: true, value: text.value };
}

/** A village or community name: Chinese, as on the 户口簿 (digits or letters alone are a slip). */
export function parsePlaceName(input: string): Parsed<string> {
  const text = parseFreeText(input);
  if (!text.ok) return text;
  // Village names are Chinese; latin letters mean a slip of the keyboard (digits may number a 组).
  if (text.value.length > 30 || !/\p{Script=Han}/u.test(text.value) || /[A-Za-z]/.test(text.value))
    return { ok: false, problem: 'place_invalid' };
  return { ok: true, value: text.value.replace(/\s/g, '') };
}

export interface MemberAnswer {
  name: string;
  relation: string;
  idNumber: string;
}

/** One household member in one line: 姓名 关系 身份证号 (any order of spaces or commas). */
export function parseMember(input: string): Parsed<MemberAnswer> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const parts = text.value.split(/[\s,，、;；]+/).filter(Boolean);
  if (parts.length !== 3) return { ok: false, problem: 'member_invalid' };
  const [nameText, relationText, idText] = parts as [string, string, string];
  const name = parseName(nameText);
  if (!name.ok) return { ok: false, problem: 'member_invalid' };
  if (!/^[\p{Script=Han}]{1,6}$/u.test(relationText)) return { ok: false, problem: 'member_invalid' };
  const id = parseIdNumber(idText);
  if (!id.ok) return id;
  return { ok: true, value: { name: name.value, relation: relationText, idNumber: id.value } };
}

export interface IncomeItem {
  label: string;
  fen: number;
}

/**
 * Monthly household income as items: “工资1200，养老金300”, or a bare total “1500”, or 无. Every
 * item needs an amount in digits; a label alone or letters are refused.
 */
export function parseIncomeItems(input: string, maxYuan: number): Parsed<IncomeItem[]> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const compact = text.value.replace(/\s/g, '');
  if (NONE_WORDS.test(compact)) return { ok: true, value: [] };
  const items: IncomeItem[] = [];
  for (const part of compact.split(/[,，、;；]+/).filter(Boolean)) {
    const match = /^([\p{Script=Han}]{0,12}?)[:：]?([¥￥]?\d[\d.]*(?:元|块|块钱)?(?:每月|\/月)?)$/u.exec(
      part,
    );
    if (!match) return { ok: false, problem: 'amount_invalid' };
    const amount = parseAmountFen(match[2]!, maxYuan);
    if (!amount.ok) return amount;
    items.push({ label: match[1] ?? '', fen: amount.value });
  }
  if (items.length === 0) return { ok: false, problem: 'amount_invalid' };
  return { ok: true, value: items };
}

/** Several numbered options at once (“1 3”, “1、3”, “13” when fewer than 10 options); 无 for none. */
export function parseOptionNumbers(input: string, optionCount: number): Parsed<number[]> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const compact = text.value.replace(/[\s。.]/g, '');
  if (NONE_WORDS.test(compact) || /^(都没有|都不是|以上都没有)$/.test(compact))
    return { ok: true, value: [] };
  const tokens = /[,，、;；\s]/.test(text.value.trim())
    ? text.value.split(/[,，、;；\s]+/).filter(Boolean)
    : optionCount < 10
      ? [...compact]
      : [compact];
  const numbers = tokens.map((t) => (/^\d{1,2}$/.test(t) ? Number(t) : Number.NaN));
  if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > optionCount))
    return { ok: false, problem: 'choice_invalid' };
  return { ok: true, value: [...new Set(numbers)].sort((a, b) => a - b) };
}

/**
 * Reasons as lines or sentences (separated by ；or 。): at least one, each saying something
 * (meaningful-text.ts); they are listed one by one in the written notice.
 */
export function parseReasons(input: string): Parsed<string[]> {
  const text = normaliseWidth(input).trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (text.length > 1_000) return { ok: false, problem: 'too_long' };
  const reasons = text
    .split(/[\n；;。]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  if (reasons.length === 0 || reasons.some((r) => !/[\p{Script=Han}\p{L}]/u.test(r)))
    return { ok: false, problem: 'text_invalid' };
  if (reasons.some(saysNothing)) return { ok: false, problem: 'statement_empty' };
  return { ok: true, value: reasons };
}

/** A reason, opinion or finding recorded with the case: free text that says something. */
export function parseStatement(input: string): Parsed<string> {
  const text = parseFreeText(input);
  if (!text.ok) return text;
  return saysNothing(text.value) ? { ok: false, problem: 'statement_empty' } : text;
}

/**
 * Why a household applies, in its own words (the form's 申请理由): at least two Chinese characters
 * that are not numerals (失业, 房子着火), not 无 or 不知道, and no long run of digits (an ID or phone
 * number typed at the wrong question would be printed on the form).
 */
export function parseApplicationReason(input: string): Parsed<string> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const words =
    text.value.replace(/[零〇一二两三四五六七八九十百千万亿]/gu, '').match(/\p{Script=Han}/gu) ?? [];
  if (words.length < 2 || /\d{17}[\dXx]|\d{11}/.test(text.value) || saysNothing(text.value))
    return { ok: false, problem: 'reason_empty' };
  return text;
}

const CANNOT_SAY =
  /^(不知道|不清楚|说不清|说不好|说不准|不确定|没想好|不好说|看着给|看着办|都行)[吧呗啊呀的呢]*$/;

/**
 * The sum a resident asks for (临时救助), in fen; 0 when they cannot say (不知道, 看着给, 无): the
 * caseworker works it out on the visit.
 */
export function parseRequestedAmount(input: string, maxYuan: number): Parsed<number> {
  const text = cleaned(input);
  if (!text.ok) return text;
  const compact = text.value.replace(/[\s。.,，!！~～]+$/u, '').replace(/\s/g, '');
  if (CANNOT_SAY.test(compact.replace(/[，,。.!！~～]/g, ''))) return { ok: true, value: 0 };
  // 2万, 1.5万元: the way a larger sum is said.
  const wan = /^(?:大概|大约|差不多)?(\d+(?:\.\d+)?)万(?:元|块|块钱)?(?:左右)?$/u.exec(compact);
  if (wan) {
    const yuan = Number(wan[1]) * 10_000;
    return yuan > maxYuan ? { ok: false, problem: 'amount_too_large' } : { ok: true, value: fenOf(yuan) };
  }
  return parseAmountFen(text.value, maxYuan);
}

/**
 * The day something was done (a home visit, an appraisal): not after today and not before the case
 * began (`earliest`, YYYY-MM-DD) — the record is of a past event of this case. A month and day
 * more than a month ahead (12月28日 typed in January) is last year's.
 */
export function parseEventDay(input: string, today: string, earliest: string | undefined): Parsed<string> {
  const day = parseDay(input, today);
  if (!day.ok) return day;
  let value = day.value;
  const short = !/\d{4}/.test(input);
  const daysAhead = (Date.parse(value) - Date.parse(today)) / 86_400_000;
  if (short && daysAhead > 31) value = `${Number(value.slice(0, 4)) - 1}${value.slice(4)}`;
  if (value > today) return { ok: false, problem: 'date_future' };
  if (earliest !== undefined && value < earliest) return { ok: false, problem: 'date_before_case' };
  return { ok: true, value };
}

/** A day: 今天, 昨天, 2026-12-03, 2026/12/3 or 12月3日 (this year), relative to `today` (YYYY-MM-DD). */
export function parseDay(input: string, today: string): Parsed<string> {
  const text = normaliseWidth(input).trim().replace(/\s/g, '');
  if (!text) return { ok: false, problem: 'empty' };
  const shift = (days: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  if (/^(今天|今日)$/.test(text)) return { ok: true, value: today };
  if (/^(昨天|昨日)$/.test(text)) return { ok: true, value: shift(-1) };
  if (/^(前天)$/.test(text)) return { ok: true, value: shift(-2) };
  if (/^(明天|明日)$/.test(text)) return { ok: true, value: shift(1) };
  if (/^(后天)$/.test(text)) return { ok: true, value: shift(2) };
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  const short = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(text);
  const [y, m, d] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short
      ? [Number(today.slice(0, 4)), Number(short[1]), Number(short[2])]
      : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!y || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { ok: false, problem: 'date_invalid' };
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

/** A month: 2026-12, 2026年12月 or 12月 (this year). */
export function parseMonth(input: string, today: string): Parsed<string> {
  const text = normaliseWidth(input).trim().replace(/\s/g, '');
  if (!text) return { ok: false, problem: 'empty' };
  const full = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  const short = /^(\d{1,2})月$/.exec(text);
  const y = full ? Number(full[1]) : short ? Number(today.slice(0, 4)) : 0;
  const m = full ? Number(full[2]) : short ? Number(short[1]) : 0;
  if (!y || m < 1 || m > 12) return { ok: false, problem: 'month_invalid' };
  return { ok: true, value: `${y}-${String(m).padStart(2, '0')}` };
}

/**
 * The people who took part in something, by name: separated by 、，, ; or spaces, each 2–20
 * characters, each once. "无" or a number is no list of names.
 */
export function parseNames(input: string): Parsed<string[]> {
  const text = normaliseWidth(input).trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (text.length > MAX_FREE_TEXT) return { ok: false, problem: 'too_long' };
  const names = [...new Set(text.split(/[、，,;；\s]+/).filter((n) => n !== ''))];
  const valid = names.length > 0 && names.every((n) => /^[\p{Script=Han}A-Za-z·]{2,20}$/u.test(n));
  return valid ? { ok: true, value: names } : { ok: false, problem: 'names_invalid' };
}

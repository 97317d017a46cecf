/**
 * Numbers as elderly residents type them: 两口人, 三个, 五百, 一千二, 大概500块, 1000左右. Only the
 * number is read; a hedge (大概, 左右) is dropped, since the caseworker verifies every figure and
 * the summary shows the value understood before anything is submitted.
 */
const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  仨: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

const HEDGES =
  /^(?:大概|大约|差不多|约|估计|可能|就|共|一共|总共|总共有|家里|家里有|俺家|我家|咱家|有|是)+|(?:左右|上下|来|多|吧|呗|啊|呀|了|的样子)+$/gu;

/** Drops the hedges around a number: 大概500块左右 → 500块. */
export function withoutHedges(text: string): string {
  let previous = '';
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(HEDGES, '');
  }
  return current;
}

/**
 * A whole number in Chinese numerals, 0 to 99,999: 两 → 2, 十二 → 12, 三百零五 → 305, and the
 * spoken short forms 一千二 → 1200, 两万五 → 25000. Undefined for anything else.
 */
export function chineseInteger(text: string): number | undefined {
  if (text.length === 0 || text.length > 12) return undefined;
  if ([...text].every((c) => c in DIGITS)) return text.length === 1 ? DIGITS[text] : undefined;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const c of text) {
    if (c in DIGITS) {
      if (digit !== undefined && digit !== 0) return undefined;
      digit = DIGITS[c]!;
    } else if (c in UNITS) {
      const unit = UNITS[c]!;
      if (unit >= lastUnit) return undefined;
      // 十二 means 一十二.
      total += (digit ?? (unit === 10 && total === 0 ? 1 : Number.NaN)) * unit;
      if (Number.isNaN(total)) return undefined;
      digit = undefined;
      lastUnit = unit;
    } else return undefined;
  }
  if (digit !== undefined) {
    // 一千二 is 1200 and 两万五 25000: a last digit right after a unit counts in the next unit down.
    const last = text.at(-2);
    total += last !== undefined && last in UNITS && lastUnit > 10 ? digit * (lastUnit / 10) : digit;
  }
  return total;
}

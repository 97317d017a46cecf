import fc from 'fast-check';
import {
  type AnswerProblem,
  MAX_FREE_TEXT,
  type Parsed,
  parseAmountFen,
  parseCount,
  parseDay,
  parseFreeText,
  parseIdNumber,
  parseIncomeItems,
  parseMember,
  parseMonth,
  parseName,
  parseOptionNumbers,
  parsePhone,
  parsePlaceName,
  parseReasons,
  parseYesNo,
} from '../../src/domain/application/answer-parsers';
import { normaliseWidth } from '../../src/domain/text/typed-text';

const PROBLEMS: readonly AnswerProblem[] = [
  'empty',
  'too_long',
  'name_invalid',
  'name_is_phrase',
  'reason_empty',
  'id_length',
  'id_characters',
  'id_birth_date',
  'id_checksum',
  'phone_invalid',
  'amount_invalid',
  'amount_too_large',
  'count_invalid',
  'yes_no_expected',
  'member_invalid',
  'choice_invalid',
  'text_invalid',
  'place_invalid',
  'date_invalid',
  'month_invalid',
  'statement_empty',
];

/** Words and shapes the parsers look for, so random input often gets past the first check. */
const hint = fc.constantFrom(
  '是',
  '否',
  '无',
  '没有',
  '元',
  '块钱',
  '每月',
  '￥',
  '¥',
  '工资',
  '：',
  '，',
  '、',
  '；',
  ' ',
  '\u3000',
  '\n',
  '·',
  '妻子',
  '张伟',
  '220283198001010016',
  '2202831980010100',
  'X',
  '１２３',
  'ＡＢＣ',
  '+86',
  '139',
  '0431',
  '-',
  '月',
  '日',
  '年',
  '今天',
  '昨天',
  '2026',
  '12',
  '31',
  '.',
  '/',
  '0',
  '9',
  '99999999999999999999',
  '1e308',
  'NaN',
  'Infinity',
  '\u202e',
  '\u0000',
  '😀',
  '{{constructor}}',
  "'; drop table cases;--",
);
const answer = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 3, arbitrary: fc.array(hint, { maxLength: 12 }).map((p) => p.join('')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('申'.repeat(20_000), `${'1'.repeat(5_000)}元`, '工资1,'.repeat(3_000)),
  },
);

function known<T>(result: Parsed<T>): T | undefined {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) return result.value;
  expect(PROBLEMS).toContain(result.problem);
  return undefined;
}

const RUNS = { numRuns: 400 };
const TODAY = '2026-12-01';

describe('answer parsers never throw and answer ok or a known problem', () => {
  it('names, ID numbers, phones', () => {
    fc.assert(
      fc.property(answer, (input) => {
        const name = known(parseName(input));
        if (name !== undefined)
          expect(name).toMatch(/^[\p{Script=Han}][\p{Script=Han}·]{0,18}[\p{Script=Han}]$/u);
        const id = known(parseIdNumber(input));
        if (id !== undefined) expect(id).toMatch(/^\d{17}[\dX]$/);
        const phone = known(parsePhone(input));
        if (phone !== undefined) expect(phone).toMatch(/^(1[3-9]\d{9}|0\d{9,11})$/);
      }),
      RUNS,
    );
  });

  it('amounts, counts, yes/no, income items', () => {
    fc.assert(
      fc.property(answer, fc.integer({ min: 0, max: 1_000_000 }), (input, max) => {
        const fen = known(parseAmountFen(input, max));
        if (fen !== undefined) {
          expect(Number.isSafeInteger(fen)).toBe(true);
          expect(fen).toBeGreaterThanOrEqual(0);
          expect(fen).toBeLessThanOrEqual(max * 100);
        }
        const count = known(parseCount(input, 1, 20));
        if (count !== undefined) expect(Number.isInteger(count) && count >= 1 && count <= 20).toBe(true);
        const yes = known(parseYesNo(input));
        if (yes !== undefined) expect(typeof yes).toBe('boolean');
        const items = known(parseIncomeItems(input, max));
        if (items !== undefined)
          for (const item of items) {
            expect(Number.isSafeInteger(item.fen) && item.fen >= 0 && item.fen <= max * 100).toBe(true);
            expect(item.label).toMatch(/^\p{Script=Han}{0,12}$/u);
          }
      }),
      RUNS,
    );
  });

  it('free text, place names, members, options, reasons', () => {
    fc.assert(
      fc.property(answer, fc.integer({ min: 1, max: 12 }), (input, options) => {
        const free = known(parseFreeText(input));
        if (free !== undefined) expect(free.length).toBeLessThanOrEqual(MAX_FREE_TEXT);
        const place = known(parsePlaceName(input));
        if (place !== undefined) {
          expect(place.length).toBeLessThanOrEqual(30);
          expect(place).not.toMatch(/[A-Za-z]/);
        }
        const member = known(parseMember(input));
        if (member !== undefined) expect(member.idNumber).toMatch(/^\d{17}[\dX]$/);
        const chosen = known(parseOptionNumbers(input, options));
        if (chosen !== undefined) {
          expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
          expect(new Set(chosen).size).toBe(chosen.length);
          for (const n of chosen) expect(Number.isInteger(n) && n >= 1 && n <= options).toBe(true);
        }
        const reasons = known(parseReasons(input));
        if (reasons !== undefined) {
          expect(reasons.length).toBeGreaterThan(0);
          for (const r of reasons) expect(r.trim()).toBe(r);
        }
      }),
      RUNS,
    );
  });

  it('days and months are real calendar values', () => {
    fc.assert(
      fc.property(answer, (input) => {
        const day = known(parseDay(input, TODAY));
        if (day !== undefined) {
          expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
        }
        const month = known(parseMonth(input, TODAY));
        if (month !== undefined) expect(month).toMatch(/^\d{1,4}-(0[1-9]|1[0-2])$/);
      }),
      RUNS,
    );
  });

  it('full-width input reads like half-width', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z ]{0,30}$/), (ascii) => {
        const wide = [...ascii]
          .map((c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)))
          .join('');
        expect(normaliseWidth(wide)).toBe(ascii);
        expect(parsePhone(wide)).toEqual(parsePhone(ascii));
        expect(parseIdNumber(wide)).toEqual(parseIdNumber(ascii));
        expect(parseAmountFen(wide, 100_000)).toEqual(parseAmountFen(ascii, 100_000));
      }),
      { numRuns: 200 },
    );
  });

  it('no parser takes long on a 20,000-character answer (no catastrophic backtracking)', () => {
    const inputs = [
      '申'.repeat(20_000),
      '1'.repeat(20_000),
      '1.'.repeat(10_000),
      '工资1'.repeat(6_000),
      ' '.repeat(20_000),
      `${'张'.repeat(19_999)}a`,
      `${'1 '.repeat(9_999)}x`,
    ];
    const started = Date.now();
    for (const input of inputs) {
      known(parseName(input));
      known(parseIdNumber(input));
      known(parsePhone(input));
      known(parseAmountFen(input, 100_000));
      known(parseCount(input, 0, 20));
      known(parseYesNo(input));
      known(parseFreeText(input));
      known(parsePlaceName(input));
      known(parseMember(input));
      known(parseIncomeItems(input, 100_000));
      known(parseOptionNumbers(input, 12));
      known(parseReasons(input));
      known(parseDay(input, TODAY));
      known(parseMonth(input, TODAY));
    }
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

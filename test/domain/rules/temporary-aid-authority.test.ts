import fc from 'fast-check';
import type { LocalDate } from '../../../src/domain/calendar/local-date';
import { lookupIn } from '../../../src/domain/parameters/parameter-lookup';
import {
  judgeTemporaryAidAuthority,
  type TemporaryAidAmount,
  townshipLimitPerPerson,
} from '../../../src/domain/rules/temporary-aid-authority';
import { shippedTable, tableOf } from '../parameters/parameter-fixtures';

/** A date as the caller gives it: unchecked, so the lookup's own check is what is tested. */
const day = (text: string) => text as LocalDate;

/** 三(四) as shipped: 1000 yuan per person for 急难型; the urban standard is not yet confirmed. */
const shipped = lookupIn(shippedTable());

/** Two urban standards effective on different dates, so the 支出型 limit must follow the date. */
const configured = lookupIn(
  tableOf({
    'linshi.emergencyTownshipLimitPerPerson': [['2023-07-28', 100_000]],
    'linshi.expenditureTownshipLimitMonths': [['2023-07-28', 6]],
    'dibao.urbanStandardMonthly': [
      ['2024-01-01', 60_000, 'urban-2024'],
      ['2025-01-01', 62_000, 'urban-2025'],
    ],
  }),
);

const emergency = (totalFen: number, persons = 1, decisionDate = '2026-10-20'): TemporaryAidAmount => ({
  kind: 'emergency',
  totalFen,
  persons,
  decisionDate: day(decisionDate),
});
const expenditure = (totalFen: number, persons: number, decisionDate: string): TemporaryAidAmount => ({
  kind: 'expenditure',
  totalFen,
  persons,
  decisionDate: day(decisionDate),
});

describe('临时救助 within township authority (三(四))', () => {
  describe('急难型: at most 1000 yuan per person, inclusive', () => {
    it('accepts exactly 1000.00 yuan for one person', () => {
      expect(judgeTemporaryAidAuthority(emergency(100_000), shipped)).toMatchObject({
        verdict: 'within',
        limitPerPersonFen: 100_000,
        limitTotalFen: 100_000,
      });
    });

    it('escalates 1000.01 yuan for one person (一事一议), never approving it', () => {
      expect(judgeTemporaryAidAuthority(emergency(100_001), shipped)).toMatchObject({
        verdict: 'escalate',
        code: 'amount_above_township_authority',
        excessFen: 1,
      });
    });

    it('computes per person for a household of N', () => {
      expect(judgeTemporaryAidAuthority(emergency(400_000, 4), shipped)).toMatchObject({
        verdict: 'within',
        limitTotalFen: 400_000,
      });
      expect(judgeTemporaryAidAuthority(emergency(400_001, 4), shipped)).toMatchObject({
        verdict: 'escalate',
      });
      // 1500 yuan is above the limit for one person but within it for two
      expect(judgeTemporaryAidAuthority(emergency(150_000, 1), shipped)).toMatchObject({
        verdict: 'escalate',
      });
      expect(judgeTemporaryAidAuthority(emergency(150_000, 2), shipped)).toMatchObject({ verdict: 'within' });
    });

    it('is within exactly when total ≤ persons × 1000 yuan (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 2_000_000 }),
          (persons, totalFen) => {
            const { verdict } = judgeTemporaryAidAuthority(emergency(totalFen, persons), shipped);
            expect(verdict).toBe(totalFen <= persons * 100_000 ? 'within' : 'escalate');
          },
        ),
      );
    });

    it('records the parameter version it used', () => {
      const result = judgeTemporaryAidAuthority(emergency(100_000), shipped);
      expect(result).toMatchObject({
        rule: { id: 'temporary-aid-authority', version: 1, clause: '三(四)' },
        parameters: [{ name: 'linshi.emergencyTownshipLimitPerPerson', value: 100_000, version: 'v1' }],
      });
    });

    it('cannot judge when the 急难型 limit itself is missing from the configuration', () => {
      const empty = lookupIn(tableOf({}));
      expect(judgeTemporaryAidAuthority(emergency(100), empty)).toMatchObject({
        verdict: 'cannot_judge',
        missing: [{ name: 'linshi.emergencyTownshipLimitPerPerson', reason: 'not_configured' }],
      });
    });
  });

  describe('支出型: at most 6 × the configured urban 低保 monthly standard per person, inclusive', () => {
    it('follows the standard in force on the decision date', () => {
      // 2024: 6 × 600 = 3600 yuan per person
      expect(judgeTemporaryAidAuthority(expenditure(360_000, 1, '2024-06-01'), configured)).toMatchObject({
        verdict: 'within',
        limitPerPersonFen: 360_000,
      });
      expect(judgeTemporaryAidAuthority(expenditure(360_001, 1, '2024-06-01'), configured)).toMatchObject({
        verdict: 'escalate',
      });
      // 2025: 6 × 620 = 3720 yuan per person; the same 3720 yuan was above the 2024 limit
      expect(judgeTemporaryAidAuthority(expenditure(372_000, 1, '2025-06-01'), configured)).toMatchObject({
        verdict: 'within',
        limitPerPersonFen: 372_000,
      });
      expect(judgeTemporaryAidAuthority(expenditure(372_000, 1, '2024-12-31'), configured)).toMatchObject({
        verdict: 'escalate',
      });
      expect(judgeTemporaryAidAuthority(expenditure(372_001, 1, '2025-01-01'), configured)).toMatchObject({
        verdict: 'escalate',
      });
    });

    it('computes per person for a household of N', () => {
      expect(judgeTemporaryAidAuthority(expenditure(1_080_000, 3, '2024-06-01'), configured)).toMatchObject({
        verdict: 'within',
        limitTotalFen: 1_080_000,
      });
      expect(judgeTemporaryAidAuthority(expenditure(1_080_001, 3, '2024-06-01'), configured)).toMatchObject({
        verdict: 'escalate',
        excessFen: 1,
      });
    });

    it('records both parameter versions used', () => {
      const result = judgeTemporaryAidAuthority(expenditure(100_000, 1, '2025-06-01'), configured);
      expect(result).toMatchObject({
        parameters: [
          { name: 'linshi.expenditureTownshipLimitMonths', value: 6, version: 'v1' },
          {
            name: 'dibao.urbanStandardMonthly',
            value: 62_000,
            version: 'urban-2025',
            effectiveFrom: '2025-01-01',
          },
        ],
      });
    });

    it('cannot judge while the urban standard is unconfirmed, and names it', () => {
      const result = judgeTemporaryAidAuthority(expenditure(100, 1, '2026-10-20'), shipped);
      expect(result).toMatchObject({
        verdict: 'cannot_judge',
        code: 'cannot_judge_automatically',
        missing: [{ name: 'dibao.urbanStandardMonthly', reason: 'unconfirmed', version: 'v1' }],
      });
      expect(result.detail).toContain('dibao.urbanStandardMonthly');
    });

    it('cannot judge before the first configured standard takes effect, however small the amount', () => {
      expect(judgeTemporaryAidAuthority(expenditure(1, 1, '2023-12-31'), configured)).toMatchObject({
        verdict: 'cannot_judge',
        missing: [{ name: 'dibao.urbanStandardMonthly', reason: 'not_yet_effective' }],
      });
    });

    it('exposes the limit per person for display', () => {
      expect(townshipLimitPerPerson('expenditure', day('2025-06-01'), configured)).toMatchObject({
        status: 'set',
        perPersonFen: 372_000,
      });
      expect(townshipLimitPerPerson('expenditure', day('2026-10-20'), shipped)).toMatchObject({
        status: 'unset',
      });
    });
  });

  describe('input checks', () => {
    it.each([
      ['a fraction of a fen', emergency(100.5), 'amount_invalid'],
      ['zero', emergency(0), 'amount_invalid'],
      ['a negative amount', emergency(-100), 'amount_invalid'],
      ['no persons', emergency(100, 0), 'persons_invalid'],
      ['fractional persons', emergency(100, 1.5), 'persons_invalid'],
      ['a malformed date', emergency(100, 1, '20261020'), 'date_invalid'],
    ])('refuses %s', (_label, amount, code) => {
      expect(judgeTemporaryAidAuthority(amount, shipped)).toMatchObject({ verdict: 'invalid', code });
    });
  });
});

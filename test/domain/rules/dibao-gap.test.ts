import { toLocalDate } from '../../../src/domain/calendar';
import { lookupIn } from '../../../src/domain/parameters/parameter-lookup';
import { aboveDibaoCeiling, dibaoGap, dibaoStandardFen } from '../../../src/domain/rules/dibao-gap';
import { applyEvent } from '../../../src/domain/workflow/apply-event';
import { tableOf } from '../parameters/parameter-fixtures';
import { caseworker, context, facts } from '../workflow/workflow-fixtures';

// 国务院令第649号 第十三条: 低保金 is the gap between the standard and per-capita income, monthly.
describe('低保 补差 (国务院令第649号 第十三条)', () => {
  it('reads the standard of the area in force on the day, unset before it or when unconfirmed', () => {
    const lookup = lookupIn(
      tableOf({
        'dibao.ruralStandardMonthly': [
          ['2023-07-28', null],
          ['2026-12-01', 90_000],
        ],
      }),
    );
    expect(dibaoStandardFen('rural', toLocalDate('2026-12-01'), lookup)).toBe(90_000);
    expect(dibaoStandardFen('rural', toLocalDate('2026-11-30'), lookup)).toBeUndefined();
    expect(dibaoStandardFen('urban', toLocalDate('2026-12-01'), lookup)).toBeUndefined();
  });

  it('gives the ceiling n × standard and the gap to a known income, never below zero', () => {
    expect(dibaoGap(90_000, 2, 150_000)).toMatchObject({ ceilingFen: 180_000, gapFen: 30_000 });
    expect(dibaoGap(90_000, 2, 200_000).gapFen).toBe(0);
    expect(dibaoGap(90_000, 2).gapFen).toBeUndefined();
    expect(aboveDibaoCeiling(180_000, 90_000, 2)).toBe(false);
    expect(aboveDibaoCeiling(180_001, 90_000, 2)).toBe(true);
  });

  it('the review guard refuses no amount, and more than the ceiling when the standard is set', () => {
    const review = (
      proposedAmountFen: number,
      dibaoStandardFen?: number,
      program: 'dibao' | 'tekun' = 'dibao',
    ) =>
      applyEvent(
        'appraised',
        facts({ program, householdSize: 2 }),
        caseworker,
        { type: 'review_eligible', opinion: '符合条件', proposedAmountFen, area: 'rural' },
        context({ dibaoStandardFen }),
      );
    expect(review(0)).toMatchObject({ code: 'amount_invalid' });
    expect(review(12.5)).toMatchObject({ code: 'amount_invalid' });
    expect(review(180_001, 90_000)).toMatchObject({ code: 'amount_above_standard' });
    expect(review(180_000, 90_000)).toMatchObject({ ok: true, to: 'reviewed_eligible' });
    // No standard configured: no judgement on the figure (docs/domain.md §20); 特困 is not 补差.
    expect(review(500_000)).toMatchObject({ ok: true });
    expect(review(500_000, 90_000, 'tekun')).toMatchObject({ ok: true });
  });
});

import type { CaseRow } from '../../../src/core/cases/case-records';
import { NOTICE_SPECS, type NoticeInput } from '../../../src/core/cases/notice-specs';
import { TRANSITIONS } from '../../../src/domain/workflow/transition-table';
import type { WorkflowEvent } from '../../../src/domain/workflow/workflow-events';

const row = {
  id: 'SQ1',
  program: 'dibao',
  applicantName: '王桂兰',
  householdSize: 1,
  acceptedOn: '2026-11-03',
  residenceTownshipId: null,
} as unknown as CaseRow;
const office = { id: 'pingan', name: '平安镇', kind: 'town' as const, supervisionPhone: '0432-68000000' };
const input = (event: WorkflowEvent, over: Partial<NoticeInput> = {}): NoticeInput => ({
  row,
  event,
  office,
  programName: '最低生活保障',
  publicityDays: 7,
  ...over,
});

describe('notice specs: what each notice effect sends (pure)', () => {
  it('every notice effect of the transition table has a spec', () => {
    const used = new Set(TRANSITIONS.flatMap((t) => t.effects.filter((e) => e.startsWith('notice.'))));
    for (const effect of used) expect(Object.keys(NOTICE_SPECS)).toContain(effect);
  });

  it('the 公示 shows the name, household size, village, amount, program and dates, and nothing identifying', () => {
    const spec = NOTICE_SPECS['notice.publicity']({
      ...input({ type: 'start_publicity', startsOn: '2026-12-03' }),
      proposal: { village: '红旗村', amountFen: 45_050 },
    });
    expect(spec).toMatchObject({ kind: 'publicity', audience: 'village' });
    expect(Object.keys(spec!.vars).sort()).toEqual(
      [
        'amount',
        'days',
        'endsOn',
        'householdSize',
        'monthly',
        'name',
        'program',
        'startsOn',
        'supervisionPhone',
        'township',
        'village',
      ].sort(),
    );
    // Amounts in yuan through formatYuan (src/domain/money.ts).
    expect(spec!.vars).toMatchObject({ village: '红旗村', amount: '450.50', monthly: true });
  });

  it('a rejection closes the written-notice timer; amounts are shown in yuan', () => {
    const rejection = NOTICE_SPECS['notice.rejection'](
      input({ type: 'review_ineligible', reasons: ['收入超标'] }),
    );
    expect(rejection).toMatchObject({ kind: 'rejection', closesTimer: 'rejection-notice' });
    const approval = NOTICE_SPECS['notice.bureau-approval'](
      input({
        type: 'bureau_decide_approve',
        basis: '一事一议',
        amountFen: 62_050,
        startMonth: '2027-01',
        householdSize: 1,
      }),
    );
    expect(approval?.vars).toMatchObject({ amount: '620.50', monthly: true, startMonth: '2027-01' });
  });

  it('a spec given an event it does not fit sends nothing', () => {
    expect(NOTICE_SPECS['notice.approval'](input({ type: 'accept' } as WorkflowEvent))).toBeUndefined();
    expect(
      NOTICE_SPECS['notice.residence-request'](
        input({ type: 'request_residence_investigation', letterRef: 'L' }),
      ),
    ).toBeUndefined();
  });
});

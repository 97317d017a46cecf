import { createWorkingDayCalendar, toLocalDate } from '../../../src/domain/calendar';
import {
  DEFAULT_DEADLINE_RULES,
  type DeadlineResult,
  type DueTimerSpec,
  decisionTimer,
  extendDecisionTimer,
  investigationTimer,
} from '../../../src/domain/deadlines';

const calendar = createWorkingDayCalendar();
const acceptedOn = toLocalDate('2026-09-25');
const dibao = decisionTimer(
  { caseId: 'c-1', program: 'dibao', acceptedOn },
  DEFAULT_DEADLINE_RULES,
  calendar,
);
const linshi = decisionTimer(
  { caseId: 'c-2', program: 'linshi', acceptedOn },
  DEFAULT_DEADLINE_RULES,
  calendar,
);
const REASON = '人户分离，居住地调查尚未返回';

function value(result: DeadlineResult<DueTimerSpec>): DueTimerSpec {
  if (!result.ok) throw new Error(`unexpected refusal ${result.error.code}`);
  return result.value;
}

function errorOf(result: DeadlineResult<DueTimerSpec>) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('extending the decision deadline (六, last paragraph)', () => {
  it('extends 低保 to its 45-working-day maximum with a recorded reason', () => {
    const extended = value(extendDecisionTimer(dibao, { totalWorkingDays: 45, reason: REASON }, calendar));
    // 45 working days from 2026-09-25 (same count as the 30-day example, 15 more): 2026-12-03.
    expect(extended).toMatchObject({
      id: 'decision.c-1',
      period: { days: 45 },
      dueDate: '2026-12-03',
      extension: { baseDays: 30, maxDays: 45, reason: REASON },
      anchor: { date: '2026-09-25' },
    });
    expect(extended.warnings.map((w) => w.date)).toEqual(['2026-11-26', '2026-11-30', '2026-12-02']);
  });

  it('extends 临时救助 up to 60 working days', () => {
    expect(
      value(extendDecisionTimer(linshi, { totalWorkingDays: 60, reason: REASON }, calendar)).dueDate,
    ).toBe('2026-12-24');
  });

  it('refuses anything beyond the program maximum', () => {
    const dibaoError = errorOf(
      extendDecisionTimer(dibao, { totalWorkingDays: 46, reason: REASON }, calendar),
    );
    expect(dibaoError).toMatchObject({
      code: 'extension_above_maximum',
      params: { maximum: 45, requested: 46 },
    });
    expect(dibaoError.message).toMatch(/exceeds the dibao maximum of 45/);
    expect(
      errorOf(extendDecisionTimer(linshi, { totalWorkingDays: 61, reason: REASON }, calendar)).code,
    ).toBe('extension_above_maximum');
  });

  it('refuses an extension without a reason', () => {
    for (const reason of ['', '   ']) {
      const error = errorOf(extendDecisionTimer(dibao, { totalWorkingDays: 40, reason }, calendar));
      expect(error.code).toBe('extension_reason_required');
      expect(error.message).toMatch(/no reason recorded/);
    }
  });

  it('refuses an "extension" that does not lengthen the period', () => {
    expect(errorOf(extendDecisionTimer(dibao, { totalWorkingDays: 30, reason: REASON }, calendar)).code).toBe(
      'extension_not_longer',
    );
    expect(
      errorOf(extendDecisionTimer(dibao, { totalWorkingDays: 40.5, reason: REASON }, calendar)).code,
    ).toBe('extension_not_longer');
  });

  it('allows a second extension within the cap, then nothing further', () => {
    const first = value(extendDecisionTimer(dibao, { totalWorkingDays: 40, reason: REASON }, calendar));
    const second = value(
      extendDecisionTimer(first, { totalWorkingDays: 45, reason: '公示有异议，重新调查' }, calendar),
    );
    expect(second.extension?.reason).toBe('公示有异议，重新调查');
    expect(
      errorOf(extendDecisionTimer(second, { totalWorkingDays: 46, reason: REASON }, calendar)).code,
    ).toBe('extension_above_maximum');
  });

  it('extends only the decision deadline', () => {
    const investigation = investigationTimer(
      { caseId: 'c-1', program: 'dibao', acceptedOn },
      DEFAULT_DEADLINE_RULES,
      calendar,
    );
    if (!investigation) throw new Error('investigation timer expected');
    expect(
      errorOf(extendDecisionTimer(investigation, { totalWorkingDays: 5, reason: REASON }, calendar)).code,
    ).toBe('extension_not_allowed');
  });
});

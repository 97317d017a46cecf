import { applyEvent } from '../../../src/domain/workflow/apply-event';
import type { CaseState } from '../../../src/domain/workflow/case-states';
import type { WorkflowEvent } from '../../../src/domain/workflow/workflow-events';
import { bureau, caseworker, context, facts, meeting, OTHER, visit } from './workflow-fixtures';

const step = (state: CaseState, event: WorkflowEvent, f = facts(), ctx = context(), actor = caseworker) =>
  applyEvent(state, f, actor, event, ctx);

describe('procedure rules around the decision', () => {
  it('a meeting rejection also needs 5 confirmed participants (六(三))', () => {
    expect(
      step('awaiting_meeting', { type: 'decide_reject', meeting: meeting(4, 2), reasons: ['收入超标'] }),
    ).toMatchObject({
      code: 'meeting_quorum_not_met',
    });
  });

  it('takes the quorum and home-visit minimum from configuration', () => {
    const ctx = context({ minMeetingParticipants: 7, minHomeVisitStaff: 3 });
    expect(
      step(
        'awaiting_meeting',
        { type: 'decide_reject', meeting: meeting(6), reasons: ['收入超标'] },
        facts(),
        ctx,
      ),
    ).toMatchObject({ code: 'meeting_quorum_not_met' });
    const twoVisitors = visit([
      ['s1', true],
      ['s2', true],
    ]);
    expect(step('verified', { type: 'record_home_visit', visit: twoVisitors }, facts(), ctx)).toMatchObject({
      code: 'home_visit_needs_two_signing_staff',
    });
  });

  it('counts only staff of the investigating township on a home visit (六(二))', () => {
    const outsiders = visit(
      [
        ['x1', true],
        ['x2', true],
      ],
      OTHER,
    );
    expect(step('verified', { type: 'record_home_visit', visit: outsiders })).toMatchObject({
      code: 'home_visit_needs_two_signing_staff',
    });
    const split = facts({ residenceTownship: OTHER });
    const residenceWorker = { ...caseworker, township: OTHER };
    const byRegisteredTownship = visit([
      ['s1', true],
      ['s2', true],
    ]);
    const returned: WorkflowEvent = {
      type: 'residence_results_returned',
      visit: byRegisteredTownship,
      appraisal: { held: true },
    };
    expect(step('delegated_to_residence', returned, split, context(), residenceWorker)).toMatchObject({
      code: 'home_visit_needs_two_signing_staff',
    });
  });

  it.each([
    ['refusing acceptance', 'submitted', { type: 'refuse_acceptance', reasons: [' '] }],
    ['a bureau correction', 'filed', { type: 'bureau_requests_correction', items: [] }],
    ['a referral to the bureau', 'accepted', { type: 'refer_to_bureau', reason: '', hiv: false }],
    ['a re-check', 'in_payment', { type: 'start_recheck', reason: '' }],
    [
      'a stop',
      'awaiting_meeting',
      { type: 'decide_stop', meeting: meeting(5), lastMonth: '2026-10', reasons: [] },
    ],
  ] as [string, CaseState, WorkflowEvent][])('requires written reasons for %s', (_label, state, event) => {
    const actor = event.type === 'bureau_requests_correction' ? bureau : caseworker;
    expect(step(state, event, facts({ outcome: 'approved' }), context(), actor)).toMatchObject({
      code: 'reasons_required',
    });
  });

  it('payment starts the month after the decision; a stop takes effect this month or later', () => {
    const approve = (startMonth: string) =>
      step('awaiting_meeting', {
        type: 'decide_approve',
        meeting: meeting(5),
        amountFen: 45_000,
        startMonth,
        householdSize: 3,
      });
    expect(approve('2026-10')).toMatchObject({ code: 'date_invalid' });
    expect(approve('2026-12')).toMatchObject({ code: 'date_invalid' });
    expect(approve('2026-11')).toMatchObject({ ok: true });
    const stop = (lastMonth: string) =>
      step(
        'awaiting_meeting',
        { type: 'decide_stop', meeting: meeting(5), lastMonth, reasons: ['已就业'] },
        facts({ outcome: 'approved' }),
      );
    expect(stop('2026-09')).toMatchObject({ code: 'date_invalid' });
    expect(stop('2026-10')).toMatchObject({ ok: true, to: 'stopped' });
  });

  it('publicity starts the day it is recorded: no backdating its 7 days away (六(三))', () => {
    expect(step('reviewed_eligible', { type: 'start_publicity', startsOn: '2026-10-10' })).toMatchObject({
      code: 'date_invalid',
    });
    expect(step('reviewed_eligible', { type: 'start_publicity', startsOn: '2026-10-20' })).toMatchObject({
      ok: true,
    });
  });

  it('an extension must lengthen the current deadline', () => {
    const ctx = context({ decisionWorkingDays: 40 });
    expect(
      step('visited', { type: 'extend_deadline', reason: '需外地核对', totalWorkingDays: 35 }, facts(), ctx),
    ).toMatchObject({ code: 'extension_invalid' });
  });

  it('an HIV case found later leaves every township step but its referral', () => {
    const hiv = facts({ hivTagged: true });
    expect(
      step(
        'awaiting_meeting',
        {
          type: 'decide_approve',
          meeting: meeting(5),
          amountFen: 1,
          startMonth: '2026-11',
          householdSize: 1,
        },
        hiv,
      ),
    ).toMatchObject({ code: 'hiv_case_outside_township_flows' });
    expect(
      step(
        'verified',
        { type: 'request_residence_investigation', letterRef: 'L' },
        facts({ hivTagged: true, residenceTownship: OTHER }),
      ),
    ).toMatchObject({
      code: 'hiv_case_outside_township_flows',
    });
    expect(
      step('awaiting_meeting', { type: 'refer_to_bureau', reason: '按规定转县级', hiv: true }, hiv),
    ).toMatchObject({
      ok: true,
      to: 'referred_to_bureau',
    });
  });
});

describe('filing leads where the decision does (六(三), 七)', () => {
  it.each([
    ['approved', 'in_payment'],
    ['adjusted', 'in_payment'],
    ['rejected', 'closed'],
    ['stopped', 'closed'],
  ] as const)('a filed case %s goes to %s', (outcome, to) => {
    expect(
      step('filed', { type: 'bureau_accepts_filing' }, facts({ outcome }), context(), bureau),
    ).toMatchObject({ ok: true, to });
  });

  it('a case in payment is re-checked and kept, or adjusted or stopped by the meeting (七)', () => {
    const paid = facts({ outcome: 'approved' });
    expect(step('in_payment', { type: 'start_recheck', reason: '年度复核' }, paid)).toMatchObject({
      ok: true,
      to: 'recheck',
    });
    expect(
      step('recheck', { type: 'recheck_propose_change', change: 'adjust', findings: '收入增加' }, paid),
    ).toMatchObject({
      to: 'awaiting_meeting',
    });
    const adjust: WorkflowEvent = {
      type: 'decide_adjust',
      meeting: meeting(4),
      amountFen: 20_000,
      startMonth: '2026-11',
      householdSize: 3,
      reasons: ['收入增加'],
    };
    expect(step('awaiting_meeting', adjust, paid)).toMatchObject({ code: 'meeting_quorum_not_met' });
    expect(step('awaiting_meeting', { ...adjust, meeting: meeting(5) }, paid)).toMatchObject({
      ok: true,
      to: 'approved',
    });
    // A new application cannot be "adjusted", nor a re-checked case approved as new.
    expect(step('awaiting_meeting', { ...adjust, meeting: meeting(5) }, facts())).toMatchObject({
      code: 'not_allowed_in_state',
    });
  });
});

describe('the bureau decides what was referred or escalated to it (Jilin HIV rule, 三(四))', () => {
  const approve: WorkflowEvent = {
    type: 'bureau_decide_approve',
    basis: '县级直接核对：收入低于标准',
    amountFen: 60_000,
    startMonth: '2026-11',
    householdSize: 2,
  };
  const hiv = facts({ hivTagged: true });

  it.each(['referred_to_bureau', 'escalated_to_bureau'] as const)(
    'from %s an approval goes to payment and a refusal closes the case',
    (state) => {
      expect(step(state, approve, hiv, context(), bureau)).toMatchObject({
        ok: true,
        to: 'in_payment',
        effects: ['notice.bureau-approval'],
      });
      expect(
        step(state, { type: 'bureau_decide_reject', reasons: ['收入超标'] }, hiv, context(), bureau),
      ).toMatchObject({ ok: true, to: 'closed', effects: ['notice.bureau-rejection'] });
    },
  );

  it('only the bureau decides; a township caseworker is refused', () => {
    expect(step('referred_to_bureau', approve, facts(), context(), caseworker)).toMatchObject({
      ok: false,
      code: 'wrong_role',
    });
  });

  it('needs the basis, a refusal its reasons, a stated amount and payment from next month', () => {
    const at = (event: WorkflowEvent) => step('referred_to_bureau', event, hiv, context(), bureau);
    expect(at({ ...approve, basis: ' ' })).toMatchObject({ code: 'reasons_required' });
    expect(at({ type: 'bureau_decide_reject', reasons: [''] })).toMatchObject({ code: 'reasons_required' });
    expect(at({ ...approve, amountFen: 0 })).toMatchObject({ code: 'amount_invalid' });
    expect(at({ ...approve, householdSize: 0 })).toMatchObject({ code: 'amount_invalid' });
    expect(at({ ...approve, startMonth: '2026-10' })).toMatchObject({ code: 'date_invalid' });
  });

  it('a referral and an escalation tell the bureau', () => {
    expect(step('accepted', { type: 'refer_to_bureau', reason: '按规定转县级', hiv: true })).toMatchObject({
      ok: true,
      effects: ['clock.stop', 'alert.bureau'],
    });
  });
});

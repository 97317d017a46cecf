import fs from 'node:fs';
import path from 'node:path';
import { applyEvent } from '../../../src/domain/workflow/apply-event';
import type { CaseState } from '../../../src/domain/workflow/case-states';
import { TRANSITIONS } from '../../../src/domain/workflow/transition-table';
import { workflowMarkdown } from '../../../src/domain/workflow/workflow-diagram';
import type { WorkflowEvent } from '../../../src/domain/workflow/workflow-events';
import { bureau, caseworker, context, facts, meeting, OTHER, visit } from './workflow-fixtures';

/** A valid instance of every event, so each row of the table can be exercised. */
const VALID: Record<WorkflowEvent['type'], WorkflowEvent> = {
  accept: { type: 'accept' },
  refuse_acceptance: { type: 'refuse_acceptance', reasons: ['不属于本乡镇户籍'] },
  request_materials: { type: 'request_materials', items: ['household_identity_documents'] },
  record_new_fact: {
    type: 'record_new_fact',
    fact: { id: 'f1', description: '入户发现新情况', requires: ['disability_certificate'] },
  },
  record_near_relative_filing: { type: 'record_near_relative_filing', formRef: 'NR-1' },
  record_near_relative_detected: { type: 'record_near_relative_detected', source: '系统比对' },
  materials_supplied: { type: 'materials_supplied' },
  refer_to_bureau: { type: 'refer_to_bureau', reason: '特殊情形', hiv: false },
  record_verification: { type: 'record_verification', summary: '省平台核对无异常' },
  request_residence_investigation: { type: 'request_residence_investigation', letterRef: 'L-1' },
  residence_results_returned: {
    type: 'residence_results_returned',
    visit: visit(
      [
        ['r1', true],
        ['r2', true],
      ],
      OTHER,
    ),
    appraisal: { held: true },
  },
  record_home_visit: {
    type: 'record_home_visit',
    visit: visit([
      ['s1', true],
      ['s2', true],
    ]),
  },
  record_appraisal: {
    type: 'record_appraisal',
    appraisal: {
      heldOn: '2026-10-15',
      attendees: ['张三', '李四', '王五'],
      result: 'unanimous',
      notes: '村民代表一致认为家庭确有困难',
    },
  },
  skip_appraisal: { type: 'skip_appraisal', reason: '无争议' },
  review_eligible: { type: 'review_eligible', opinion: '符合条件', proposedAmountFen: 45_000 },
  review_ineligible: { type: 'review_ineligible', reasons: ['收入超标'] },
  start_publicity: { type: 'start_publicity', startsOn: '2026-10-20' },
  record_objection: { type: 'record_objection', summary: '村民反映有经营收入' },
  end_publicity: { type: 'end_publicity', endedOn: '2026-10-28' },
  decide_approve: {
    type: 'decide_approve',
    meeting: meeting(5),
    amountFen: 45_000,
    startMonth: '2026-11',
    householdSize: 3,
  },
  decide_adjust: {
    type: 'decide_adjust',
    meeting: meeting(5),
    amountFen: 30_000,
    startMonth: '2026-11',
    householdSize: 3,
    reasons: ['收入增加'],
  },
  decide_stop: { type: 'decide_stop', meeting: meeting(5), lastMonth: '2026-10', reasons: ['已稳定就业'] },
  start_recheck: { type: 'start_recheck', reason: '年度核查' },
  decide_reject: { type: 'decide_reject', meeting: meeting(5), reasons: ['收入超标'] },
  escalate: { type: 'escalate', reason: '超出权限', amountFen: 150_000, householdSize: 1 },
  advance_aid: {
    type: 'advance_aid',
    reason: '住房失火，衣物被褥全部烧毁',
    amountFen: 80_000,
    householdSize: 1,
  },
  complete_advance_records: {
    type: 'complete_advance_records',
    visit: visit([
      ['s1', true],
      ['s2', true],
    ]),
    opinion: '急难情形属实，确认先行救助',
  },
  advance_records_unfounded: {
    type: 'advance_records_unfounded',
    visit: visit([
      ['s1', true],
      ['s2', true],
    ]),
    reasons: ['火灾损失已由保险全额赔付'],
  },
  bureau_decide_approve: {
    type: 'bureau_decide_approve',
    basis: '县级直接核对：收入低于标准',
    amountFen: 45_000,
    startMonth: '2026-11',
    householdSize: 1,
  },
  bureau_decide_reject: { type: 'bureau_decide_reject', reasons: ['家庭人均收入高于标准'] },
  extend_deadline: { type: 'extend_deadline', reason: '需外省核对', totalWorkingDays: 45 },
  file_with_bureau: { type: 'file_with_bureau', reportMonth: '2026-11' },
  bureau_accepts_filing: { type: 'bureau_accepts_filing' },
  bureau_requests_correction: { type: 'bureau_requests_correction', items: ['缺入户调查表签字'] },
  correction_done: { type: 'correction_done', summary: '已补签' },
  bureau_warning: { type: 'bureau_warning', warningId: 'W-2026-11-01' },
  recheck_keep: { type: 'recheck_keep', findings: '核查无变化' },
  recheck_propose_change: { type: 'recheck_propose_change', change: 'stop', findings: '已就业' },
};

const split = facts({ residenceTownship: OTHER });
const ctx = context({
  publicityLastDay: '2026-10-19',
  temporaryAidVerdict: { verdict: 'within', detail: '' },
});

/** Case facts and context under which a row applies (its `when`) and its guards can pass. */
function setting(t: (typeof TRANSITIONS)[number]) {
  if (t.event === 'escalate') {
    return {
      f: facts({ residenceTownship: OTHER, program: 'linshi', temporaryAidKind: 'emergency' }),
      c: context({ temporaryAidVerdict: { verdict: 'escalate', detail: '' } }),
    };
  }
  if (t.event === 'advance_aid') {
    return {
      f: facts({ residenceTownship: OTHER, program: 'linshi', temporaryAidKind: 'emergency' }),
      c: ctx,
    };
  }
  if (t.event === 'bureau_accepts_filing') {
    return {
      f: facts({ residenceTownship: OTHER, outcome: t.to === 'closed' ? 'rejected' : 'approved' }),
      c: ctx,
    };
  }
  if (t.event === 'decide_adjust' || t.event === 'decide_stop') {
    return { f: facts({ residenceTownship: OTHER, outcome: 'approved' }), c: ctx };
  }
  return { f: split, c: ctx };
}

function actorFor(t: (typeof TRANSITIONS)[number]) {
  if (t.tenant === 'any') return bureau;
  if (t.tenant === 'residence') return { ...caseworker, township: OTHER };
  return caseworker;
}

describe('the transition table', () => {
  it.each(TRANSITIONS.flatMap((t) => t.from.map((from) => [from, t.event, t] as const)))(
    '%s --%s--> succeeds with valid input',
    (from, event, t) => {
      const { f, c } = setting(t);
      const result = applyEvent(from, f, actorFor(t), VALID[event], c);
      expect(result).toMatchObject({ ok: true, to: t.to === 'same' ? from : t.to });
    },
  );

  it('refuses every step not in the table', () => {
    const states = [...new Set(TRANSITIONS.flatMap((t) => t.from))] as CaseState[];
    for (const state of states) {
      for (const event of Object.values(VALID)) {
        if (TRANSITIONS.some((t) => t.event === event.type && t.from.includes(state))) continue;
        expect(applyEvent(state, split, caseworker, event, ctx)).toMatchObject({
          ok: false,
          code: 'not_allowed_in_state',
        });
      }
    }
  });

  it('walks a 低保 application from submission to payment', () => {
    const path: [WorkflowEvent['type'], CaseState][] = [
      ['request_materials', 'awaiting_materials'],
      ['materials_supplied', 'submitted'],
      ['accept', 'accepted'],
      ['record_verification', 'verified'],
      ['record_home_visit', 'visited'],
      ['record_appraisal', 'appraised'],
      ['review_eligible', 'reviewed_eligible'],
      ['start_publicity', 'in_publicity'],
      ['end_publicity', 'awaiting_meeting'],
      ['decide_approve', 'approved'],
      ['file_with_bureau', 'filed'],
      ['bureau_accepts_filing', 'in_payment'],
    ];
    let state: CaseState = 'submitted';
    for (const [event, expected] of path) {
      const t = TRANSITIONS.find((row) => row.event === event)!;
      // The service records the meeting's outcome on the case; filing then leads to payment.
      const f = facts({ outcome: state === 'filed' ? 'approved' : undefined });
      const result = applyEvent(state, f, actorFor(t), VALID[event], ctx);
      expect(result).toMatchObject({ ok: true, to: expected });
      state = expected;
    }
  });

  it('a caseworker of another township can act on no case step (四)', () => {
    const outsider = { ...caseworker, township: 'other-township' };
    for (const t of TRANSITIONS.filter((row) => row.tenant !== 'any')) {
      for (const from of t.from) {
        const { f, c } = setting(t);
        const result = applyEvent(from, f, outsider, VALID[t.event], c);
        expect(result).toMatchObject({ ok: false, code: 'other_township' });
      }
    }
  });

  it('only the roles of a row may take it', () => {
    const committee = { id: 'v1', role: 'village_committee' as const, township: caseworker.township };
    expect(applyEvent('submitted', facts(), committee, VALID.accept, ctx)).toMatchObject({
      code: 'wrong_role',
    });
    expect(applyEvent('visited', facts(), committee, VALID.record_appraisal, ctx)).toMatchObject({
      ok: true,
    });
    expect(
      applyEvent('filed', facts({ outcome: 'approved' }), caseworker, VALID.bureau_accepts_filing, ctx),
    ).toMatchObject({
      code: 'wrong_role',
    });
  });

  it('every guard cites a clause', () => {
    for (const t of TRANSITIONS) {
      expect(t.clause).not.toBe('');
      for (const g of t.guards) expect(g.clause).not.toBe('');
    }
  });

  it('docs/workflow.md is generated from the current table (npm run docs:workflow)', () => {
    const file = path.join(__dirname, '..', '..', '..', 'docs', 'workflow.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(workflowMarkdown());
  });
});

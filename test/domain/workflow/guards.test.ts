import type { MaterialId } from '../../../src/domain/materials/material-types';
import { applyEvent } from '../../../src/domain/workflow/apply-event';
import type { CaseState } from '../../../src/domain/workflow/case-states';
import type { NewFact, WorkflowEvent } from '../../../src/domain/workflow/workflow-events';
import { caseworker, context, facts, meeting, OTHER, visit } from './workflow-fixtures';

const step = (state: CaseState, event: WorkflowEvent, f = facts(), ctx = context(), actor = caseworker) =>
  applyEvent(state, f, actor, event, ctx);

describe('guards that cannot be bypassed', () => {
  describe('near-relative filing before acceptance (六(一))', () => {
    it.each([
      ['declared', { declared: true, detected: false, filed: false }],
      ['detected', { declared: false, detected: true, filed: false }],
    ])('refuses acceptance when a near relative was %s but not filed', (_label, nearRelative) => {
      expect(step('submitted', { type: 'accept' }, facts({ nearRelative }))).toMatchObject({
        ok: false,
        code: 'near_relative_filing_missing',
        clause: '六(一)',
      });
    });
    it('accepts once the filing is recorded', () => {
      const nearRelative = { declared: true, detected: true, filed: true };
      expect(step('submitted', { type: 'accept' }, facts({ nearRelative }))).toMatchObject({
        ok: true,
        to: 'accepted',
      });
    });
  });

  describe('home visit by at least two township staff, each signing (六(二))', () => {
    it.each([
      ['one visitor', visit([['s1', true]])],
      [
        'the same person twice',
        visit([
          ['s1', true],
          ['s1', true],
        ]),
      ],
      [
        'a visitor who did not sign',
        visit([
          ['s1', true],
          ['s2', true],
          ['s3', false],
        ]),
      ],
      ['nobody', visit([])],
    ])('refuses %s', (_label, v) => {
      expect(step('verified', { type: 'record_home_visit', visit: v })).toMatchObject({
        ok: false,
        code: 'home_visit_needs_two_signing_staff',
      });
    });
    it('accepts two distinct signing staff', () => {
      const v = visit([
        ['s1', true],
        ['s2', true],
      ]);
      expect(step('verified', { type: 'record_home_visit', visit: v })).toMatchObject({
        ok: true,
        to: 'visited',
      });
    });
  });

  describe('appraisal skipped only with a recorded reason (六(二))', () => {
    it('refuses a blank reason and accepts a real one', () => {
      expect(step('visited', { type: 'skip_appraisal', reason: '  ' })).toMatchObject({
        code: 'appraisal_skip_needs_reason',
      });
      expect(step('visited', { type: 'skip_appraisal', reason: '申请无争议，村委会确认' })).toMatchObject({
        ok: true,
      });
    });
  });

  describe('rejections only with written reasons (六(三))', () => {
    it('refuses a township review of ineligibility without reasons', () => {
      expect(step('appraised', { type: 'review_ineligible', reasons: [] })).toMatchObject({
        code: 'reasons_required',
      });
      expect(step('appraised', { type: 'review_ineligible', reasons: [''] })).toMatchObject({
        code: 'reasons_required',
      });
      expect(
        step('appraised', { type: 'review_ineligible', reasons: ['人均收入高于当地低保标准'] }),
      ).toMatchObject({
        ok: true,
        to: 'rejected',
      });
    });
    it('refuses a meeting rejection without reasons even with a quorum', () => {
      expect(
        step('awaiting_meeting', { type: 'decide_reject', meeting: meeting(5), reasons: [] }),
      ).toMatchObject({
        code: 'reasons_required',
      });
    });
  });

  describe('review meeting with at least 5 confirmed participants (六(三))', () => {
    const approve = (m: ReturnType<typeof meeting>) =>
      step('awaiting_meeting', {
        type: 'decide_approve',
        meeting: m,
        amountFen: 45_000,
        startMonth: '2026-11',
        householdSize: 3,
      });
    it('a meeting with 4 confirmations cannot decide, however many were invited', () => {
      expect(approve(meeting(4, 3))).toMatchObject({ ok: false, code: 'meeting_quorum_not_met' });
    });
    it('counts a person once', () => {
      const m = meeting(4);
      m.participants.push({ personId: 'm0', confirmed: true });
      expect(approve(m)).toMatchObject({ code: 'meeting_quorum_not_met' });
    });
    it('five confirmations decide', () => {
      expect(approve(meeting(5))).toMatchObject({ ok: true, to: 'approved' });
    });
  });

  describe('临时救助 within township authority (三(四))', () => {
    const linshi = facts({ program: 'linshi', temporaryAidKind: 'emergency', householdSize: 1 });
    const approve = (verdict: 'within' | 'escalate' | 'cannot_judge' | undefined) =>
      step(
        'awaiting_meeting',
        {
          type: 'decide_approve',
          meeting: meeting(5),
          amountFen: 100_000,
          startMonth: '2026-11',
          householdSize: 1,
        },
        linshi,
        context({ temporaryAidVerdict: verdict && { verdict, detail: 'test' } }),
      );
    it('approves within authority, refuses above it, and refuses to guess without a verdict', () => {
      expect(approve('within')).toMatchObject({ ok: true });
      expect(approve('escalate')).toMatchObject({ code: 'amount_above_township_authority' });
      expect(approve('cannot_judge')).toMatchObject({ code: 'cannot_judge_automatically' });
      expect(approve(undefined)).toMatchObject({ code: 'cannot_judge_automatically' });
    });
    it('offers escalation (一事一议) instead, with a reason, only for an amount above the limit', () => {
      const escalate = (reason: string, verdict: 'within' | 'escalate', f = linshi) =>
        step(
          'awaiting_meeting',
          { type: 'escalate', reason, amountFen: 150_000, householdSize: 1 },
          f,
          context({ temporaryAidVerdict: { verdict, detail: 'test' } }),
        );
      expect(escalate('超出乡镇审批权限', 'escalate')).toMatchObject({ ok: true, to: 'escalated_to_bureau' });
      expect(escalate('', 'escalate')).toMatchObject({ code: 'reasons_required' });
      expect(escalate('想交给民政局', 'within')).toMatchObject({ code: 'not_above_authority' });
      expect(escalate('低保也想升级', 'escalate', facts())).toMatchObject({ code: 'not_above_authority' });
    });
    it('refuses a non-positive or fractional amount for any program', () => {
      for (const amount of [0, -1, 12.5]) {
        expect(
          step('awaiting_meeting', {
            type: 'decide_approve',
            meeting: meeting(5),
            amountFen: amount,
            startMonth: '2026-11',
            householdSize: 3,
          }),
        ).toMatchObject({ code: 'amount_invalid' });
      }
    });
  });

  describe('先行救助 only for 急难型, within authority (2018 临时救助意见 二(二); 三(四))', () => {
    const advance = { type: 'advance_aid', reason: '住房失火', amountFen: 80_000, householdSize: 1 } as const;
    const within = context({ temporaryAidVerdict: { verdict: 'within', detail: 'test' } });
    const emergency = facts({ program: 'linshi', temporaryAidKind: 'emergency', householdSize: 1 });
    it('pays an 急难型 case first, before or after acceptance', () => {
      for (const state of ['submitted', 'awaiting_materials', 'accepted', 'verified'] as const) {
        expect(step(state, advance, emergency, within)).toMatchObject({ ok: true, to: 'advance_paid' });
      }
    });
    it('refuses 支出型 and the other programs, which keep the normal route', () => {
      for (const f of [facts({ program: 'linshi', temporaryAidKind: 'expenditure' }), facts()]) {
        expect(step('submitted', advance, f, within)).toMatchObject({ code: 'advance_aid_emergency_only' });
      }
    });
    it('refuses above the township’s authority, an unjudged amount, or no 急难事由', () => {
      const verdict = (v: 'escalate' | 'cannot_judge') =>
        context({ temporaryAidVerdict: { verdict: v, detail: 't' } });
      expect(step('submitted', advance, emergency, verdict('escalate'))).toMatchObject({
        code: 'amount_above_township_authority',
      });
      expect(step('submitted', advance, emergency, verdict('cannot_judge'))).toMatchObject({
        code: 'cannot_judge_automatically',
      });
      expect(step('submitted', { ...advance, reason: ' ' }, emergency, within)).toMatchObject({
        code: 'reasons_required',
      });
    });
    it('completes the records only with a home visit signed by two township staff', () => {
      const records = (v: ReturnType<typeof visit>) =>
        step('advance_paid', { type: 'complete_advance_records', visit: v, opinion: '情况属实' }, emergency);
      expect(records(visit([['s1', true]]))).toMatchObject({ code: 'home_visit_needs_two_signing_staff' });
      expect(
        records(
          visit([
            ['s1', true],
            ['s2', true],
          ]),
        ),
      ).toMatchObject({ ok: true, to: 'approved' });
    });
  });

  describe('民主评议 recorded whole (六(二))', () => {
    const appraisal = {
      heldOn: '2026-10-19',
      attendees: ['张三', '李四'],
      result: 'unanimous',
      notes: '代表一致认为确有困难',
    } as const;
    const record = (a: Partial<typeof appraisal> | Record<string, unknown>) =>
      step('visited', { type: 'record_appraisal', appraisal: { ...appraisal, ...a } as never });
    it('records date, attendees, result and notes', () => {
      expect(record({})).toMatchObject({ ok: true, to: 'appraised' });
    });
    it('refuses a day still to come, nobody present, no notes, or an unknown result', () => {
      for (const bad of [
        { heldOn: '2026-10-21' },
        { attendees: [' '] },
        { notes: ' ' },
        { result: 'maybe' },
      ]) {
        expect(record(bad)).toMatchObject({ code: 'appraisal_record_incomplete', clause: '六(二); 八' });
      }
    });
  });

  describe('one-time notice of missing materials (六(一))', () => {
    // The first notice was issued on 2026-10-10; the later request comes on 2026-10-20 (context.now).
    const first = {
      issuedAt: new Date('2026-10-10T02:00:00Z'),
      items: ['household_identity_documents', 'employment_income_proof'] as MaterialId[],
    };
    const request = (items: MaterialId[], newFacts: NewFact[] = []) =>
      step(
        'awaiting_materials',
        { type: 'request_materials', items },
        facts(),
        context({
          firstMaterialsNotice: first,
          recordedNewFacts: newFacts.map((f) => ({ ...f, recordedAt: new Date(f.recordedAt) })),
        }),
      );
    const fact = (recordedAt: string): NewFact => ({
      id: 'f1',
      recordedAt,
      description: '入户发现家庭成员重度残疾',
      requires: ['disability_certificate'],
    });
    it('lets a later request repeat items of the first notice', () => {
      expect(request(['employment_income_proof'])).toMatchObject({ ok: true });
    });
    it('refuses a new item the first notice could have named', () => {
      expect(request(['employment_income_proof', 'disability_certificate'])).toMatchObject({
        ok: false,
        code: 'materials_beyond_first_notice',
      });
    });
    it('allows a new item when a new fact recorded after the first notice names it', () => {
      expect(request(['disability_certificate'], [fact('2026-10-15T02:00:00Z')])).toMatchObject({ ok: true });
    });
    it('refuses when the fact was known before the first notice, or names another material', () => {
      expect(request(['disability_certificate'], [fact('2026-10-09T02:00:00Z')])).toMatchObject({
        code: 'materials_beyond_first_notice',
      });
      const unrelated = {
        ...fact('2026-10-15T02:00:00Z'),
        requires: ['student_enrolment_proof'] as MaterialId[],
      };
      expect(request(['disability_certificate'], [unrelated])).toMatchObject({
        code: 'materials_beyond_first_notice',
      });
    });
  });

  describe('HIV-tagged cases stay out of township flows (Jilin rule)', () => {
    const hiv = facts({ hivTagged: true });
    it.each([
      ['accept', 'submitted', { type: 'accept' }],
      ['request materials', 'submitted', { type: 'request_materials', items: ['written_application'] }],
      ['democratic appraisal', 'visited', { type: 'record_appraisal', minutesRef: 'm' }],
      ['publicity', 'reviewed_eligible', { type: 'start_publicity', startsOn: '2026-10-20' }],
    ] as [string, CaseState, WorkflowEvent][])('refuses %s', (_label, state, event) => {
      expect(step(state, event, hiv)).toMatchObject({ ok: false, code: 'hiv_case_outside_township_flows' });
    });
    it('can only be referred to the bureau', () => {
      expect(
        step(
          'submitted',
          { type: 'refer_to_bureau', reason: '按规定由县级民政部门直接受理', hiv: true },
          hiv,
        ),
      ).toMatchObject({
        ok: true,
        to: 'referred_to_bureau',
      });
    });
  });

  describe('publicity runs its full period (六(三))', () => {
    it('refuses to end publicity on its last day and allows it the day after', () => {
      const ctx = (today: string) => context({ today, publicityLastDay: '2026-10-27' });
      expect(
        step('in_publicity', { type: 'end_publicity', endedOn: '2026-10-27' }, facts(), ctx('2026-10-27')),
      ).toMatchObject({
        code: 'publicity_not_over',
      });
      expect(
        step('in_publicity', { type: 'end_publicity', endedOn: '2026-10-28' }, facts(), ctx('2026-10-28')),
      ).toMatchObject({
        ok: true,
        to: 'awaiting_meeting',
      });
    });
  });

  describe('extension with a reason, within the maximum (六, last paragraph)', () => {
    it('refuses no reason, more than the cap, or not an extension; accepts within it', () => {
      const extend = (reason: string, total: number, cap = 45) =>
        step(
          'visited',
          { type: 'extend_deadline', reason, totalWorkingDays: total },
          facts(),
          context({ extensionCapWorkingDays: cap }),
        );
      expect(extend('', 40)).toMatchObject({ code: 'reasons_required' });
      expect(extend('需跨省核对', 46)).toMatchObject({ code: 'extension_invalid' });
      expect(extend('需跨省核对', 30)).toMatchObject({ code: 'extension_invalid' });
      expect(extend('需跨省核对', 45)).toMatchObject({ ok: true, to: 'visited' });
      expect(extend('需跨省核对', 60, 60)).toMatchObject({ ok: true });
    });
  });

  describe('人户分离 delegation (六(一))', () => {
    const split = facts({ residenceTownship: OTHER });
    it('is refused for a household living where it is registered', () => {
      expect(step('verified', { type: 'request_residence_investigation', letterRef: 'L1' })).toMatchObject({
        code: 'not_a_residence_split_case',
      });
    });
    it('lets the residence township return its results, and only it', () => {
      const event: WorkflowEvent = {
        type: 'residence_results_returned',
        visit: visit(
          [
            ['r1', true],
            ['r2', true],
          ],
          OTHER,
        ),
        appraisal: { held: false, skipReason: '无争议' },
      };
      const residenceWorker = { id: 'cw-9', role: 'township_caseworker' as const, township: OTHER };
      expect(step('delegated_to_residence', event, split, context(), residenceWorker)).toMatchObject({
        ok: true,
        to: 'appraised',
      });
      expect(step('delegated_to_residence', event, split, context(), caseworker)).toMatchObject({
        code: 'other_township',
      });
      const noReason = { ...event, appraisal: { held: false, skipReason: '' } };
      expect(step('delegated_to_residence', noReason, split, context(), residenceWorker)).toMatchObject({
        code: 'appraisal_skip_needs_reason',
      });
    });
  });
});

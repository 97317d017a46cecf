import { randomUUID } from 'node:crypto';
import type { Slot } from '../../core/bot/slot-flow';
import { fieldSlot } from '../../core/bot/slot-kinds';
import { maskText } from '../../core/privacy/mask';
import {
  type Parsed,
  parseAmountFen,
  parseCount,
  parseMonth,
  parseNames,
} from '../../domain/application/answer-parsers';
import type { MaterialId } from '../../domain/materials/material-types';
import type { DibaoArea } from '../../domain/rules/dibao-gap';

import {
  coSigners,
  day,
  gapHint,
  homeVisit,
  list,
  materialItems,
  monthAfter,
  persons,
  positiveAmount,
  reasons,
  type StepContext,
  type StepDraft,
  type StepSpec,
  statement,
  str,
  text,
  yesNo,
} from './step-questions';

/**
 * The steps staff take in chat and the questions each asks, in order. Decisions at the review
 * meeting are recorded through the meeting (src/features/meetings/meeting.ts), with its participants.
 */
export const STEP_SPECS: readonly StepSpec[] = [
  { event: 'accept', questions: [], build: () => ({ type: 'accept' }) },
  {
    event: 'request_materials',
    questions: [materialItems],
    build: (d) => ({ type: 'request_materials', items: list(d, 'items') as MaterialId[] }),
  },
  {
    event: 'refuse_acceptance',
    questions: [reasons()],
    build: (d) => ({ type: 'refuse_acceptance', reasons: list(d, 'reasons') }),
  },
  { event: 'materials_supplied', questions: [], build: () => ({ type: 'materials_supplied' }) },
  {
    event: 'record_new_fact',
    questions: [statement('description'), materialItems],
    build: (d) => ({
      type: 'record_new_fact',
      fact: {
        // Unique, not a timestamp: the time of the step is the event's, from the service clock.
        id: `fact-${randomUUID().slice(0, 8)}`,
        description: str(d, 'description'),
        requires: list(d, 'items') as MaterialId[],
      },
    }),
  },
  {
    event: 'record_near_relative_filing',
    questions: [text('formRef')],
    build: (d) => ({ type: 'record_near_relative_filing', formRef: str(d, 'formRef') }),
  },
  {
    event: 'record_near_relative_detected',
    questions: [text('source')],
    build: (d) => ({ type: 'record_near_relative_detected', source: str(d, 'source') }),
  },
  {
    event: 'refer_to_bureau',
    questions: [statement('reason'), yesNo('hiv')],
    build: (d) => ({ type: 'refer_to_bureau', reason: str(d, 'reason'), hiv: d.hiv === true }),
  },
  {
    event: 'record_verification',
    questions: [statement('summary')],
    build: (d) => ({ type: 'record_verification', summary: str(d, 'summary') }),
  },
  {
    event: 'request_residence_investigation',
    questions: [text('letterRef')],
    build: (d) => ({ type: 'request_residence_investigation', letterRef: str(d, 'letterRef') }),
  },
  {
    event: 'residence_results_returned',
    questions: [
      day('visitedOn'),
      coSigners,
      statement('findings'),
      yesNo('appraisalHeld'),
      { ...statement('skipReason'), applies: (d) => d.appraisalHeld === false },
    ],
    build: (d, c) => ({
      type: 'residence_results_returned',
      visit: homeVisit(d, c),
      appraisal:
        d.appraisalHeld === true ? { held: true } : { held: false, skipReason: str(d, 'skipReason') },
    }),
  },
  {
    event: 'record_home_visit',
    questions: [day('visitedOn'), coSigners, statement('findings')],
    build: (d, c) => ({ type: 'record_home_visit', visit: homeVisit(d, c) }),
  },
  // 六(二) 民主评议, recorded whole for the archive: day, who took part, result, notes.
  {
    event: 'record_appraisal',
    questions: [
      day('heldOn'),
      { id: 'attendees', read: (t) => parseNames(maskText(t)) },
      {
        id: 'result',
        options: () => ['unanimous', 'majority_for', 'majority_against'],
        read: (t) => {
          const n = t.trim();
          return n === '1' || /一致/.test(n)
            ? { ok: true, value: 'unanimous' }
            : n === '3' || /不同意/.test(n)
              ? { ok: true, value: 'majority_against' }
              : n === '2' || /多数/.test(n)
                ? { ok: true, value: 'majority_for' }
                : { ok: false, problem: 'choice_invalid' };
        },
      },
      statement('notes'),
    ],
    build: (d) => ({
      type: 'record_appraisal',
      appraisal: {
        heldOn: str(d, 'heldOn'),
        attendees: list(d, 'attendees'),
        result:
          d.result === 'majority_against'
            ? 'majority_against'
            : d.result === 'unanimous'
              ? 'unanimous'
              : 'majority_for',
        notes: str(d, 'notes'),
      },
    }),
  },
  {
    event: 'skip_appraisal',
    questions: [statement('reason')],
    build: (d) => ({ type: 'skip_appraisal', reason: str(d, 'reason') }),
  },
  // 六(三): the opinion and the proposed amount, which the 公示 shows. For 低保 with the bureau's
  // standards set, the standard (城市/农村) is asked and the 补差 figures shown before the amount.
  {
    event: 'review_eligible',
    questions: [
      statement('opinion'),
      {
        id: 'area',
        options: () => ['urban', 'rural'],
        applies: (_d, c) =>
          c.row.program === 'dibao' &&
          (c.figures?.dibaoStandards.urban !== undefined || c.figures?.dibaoStandards.rural !== undefined),
        read: (t) => {
          const n = t.trim();
          return n === '1' || /城/.test(n)
            ? { ok: true, value: 'urban' }
            : n === '2' || /农/.test(n)
              ? { ok: true, value: 'rural' }
              : { ok: false, problem: 'choice_invalid' };
        },
      },
      { id: 'amountFen', read: (t) => positiveAmount(t), hint: (d, c) => gapHint(d, c) },
    ],
    build: (d, c) => ({
      type: 'review_eligible',
      opinion: str(d, 'opinion'),
      proposedAmountFen: Number(d.amountFen),
      ...(d.area === 'urban' || d.area === 'rural' ? { area: d.area as DibaoArea } : {}),
      ...(c.figures?.declared.village ? { village: c.figures.declared.village } : {}),
    }),
  },
  {
    event: 'review_ineligible',
    questions: [reasons()],
    build: (d) => ({ type: 'review_ineligible', reasons: list(d, 'reasons') }),
  },
  // 六(三): publicity starts the day it is recorded (no backdating), so nothing to ask.
  // The 公示 shows the village and amount the review proposed (read by the notice, case-notices.ts).
  {
    event: 'start_publicity',
    questions: [],
    build: (_d, c) => ({ type: 'start_publicity', startsOn: c.today }),
  },
  {
    event: 'record_objection',
    questions: [statement('summary')],
    build: (d) => ({ type: 'record_objection', summary: str(d, 'summary') }),
  },
  { event: 'end_publicity', questions: [], build: (_d, c) => ({ type: 'end_publicity', endedOn: c.today }) },
  {
    event: 'escalate',
    questions: [
      statement('reason'),
      { id: 'amountFen', read: (t) => parseAmountFen(t, 1_000_000) },
      persons(),
    ],
    build: (d) => ({
      type: 'escalate',
      reason: str(d, 'reason'),
      amountFen: Number(d.amountFen),
      householdSize: Number(d.householdSize),
    }),
  },
  // 先行救助 (2018 临时救助意见 二(二)): the 急难事由, the one-time amount and the persons it is for;
  // the township's limit (三(四)) is judged by the workflow guard on these.
  {
    event: 'advance_aid',
    questions: [statement('reason'), { id: 'amountFen', read: (t) => positiveAmount(t) }, persons()],
    build: (d) => ({
      type: 'advance_aid',
      reason: str(d, 'reason'),
      amountFen: Number(d.amountFen),
      householdSize: Number(d.householdSize),
    }),
  },
  // 补办: the home visit signed by every visitor (六(二)) and the opinion confirming the aid.
  {
    event: 'complete_advance_records',
    questions: [day('visitedOn'), coSigners, statement('findings'), statement('opinion')],
    build: (d, c) => ({
      type: 'complete_advance_records',
      visit: homeVisit(d, c),
      opinion: str(d, 'opinion'),
    }),
  },
  // 补办 that finds the conditions unmet: the same signed visit, and the reasons (the bureau is told).
  {
    event: 'advance_records_unfounded',
    questions: [day('visitedOn'), coSigners, statement('findings'), reasons()],
    build: (d, c) => ({
      type: 'advance_records_unfounded',
      visit: homeVisit(d, c),
      reasons: list(d, 'reasons'),
    }),
  },
  // The bureau's own decision on a referred (HIV, Jilin rule) or escalated (一事一议) case. Payment
  // starts the month after (docs/domain.md §13), so the month is not asked.
  {
    event: 'bureau_decide_approve',
    questions: [text('basis'), { id: 'amountFen', read: (t) => positiveAmount(t) }, persons()],
    build: (d, c) => ({
      type: 'bureau_decide_approve',
      basis: str(d, 'basis'),
      amountFen: Number(d.amountFen),
      householdSize: Number(d.householdSize),
      startMonth: monthAfter(c.today),
    }),
  },
  {
    event: 'bureau_decide_reject',
    questions: [reasons()],
    build: (d) => ({ type: 'bureau_decide_reject', reasons: list(d, 'reasons') }),
  },
  {
    event: 'extend_deadline',
    questions: [
      statement('reason'),
      {
        id: 'totalWorkingDays',
        read: (t) => {
          const days = parseCount(t, 1, 90);
          return days.ok ? days : { ok: false, problem: 'working_days_invalid' };
        },
      },
    ],
    build: (d) => ({
      type: 'extend_deadline',
      reason: str(d, 'reason'),
      totalWorkingDays: Number(d.totalWorkingDays),
    }),
  },
  {
    event: 'file_with_bureau',
    questions: [{ id: 'reportMonth', read: (t, c) => parseMonth(t, c.today) }],
    build: (d) => ({ type: 'file_with_bureau', reportMonth: str(d, 'reportMonth') }),
  },
  { event: 'bureau_accepts_filing', questions: [], build: () => ({ type: 'bureau_accepts_filing' }) },
  {
    event: 'bureau_requests_correction',
    questions: [reasons('items')],
    build: (d) => ({ type: 'bureau_requests_correction', items: list(d, 'items') }),
  },
  {
    event: 'correction_done',
    questions: [statement('summary')],
    build: (d) => ({ type: 'correction_done', summary: str(d, 'summary') }),
  },
  {
    event: 'start_recheck',
    questions: [statement('reason')],
    build: (d) => ({ type: 'start_recheck', reason: str(d, 'reason') }),
  },
  {
    event: 'recheck_keep',
    questions: [statement('findings')],
    build: (d) => ({ type: 'recheck_keep', findings: str(d, 'findings') }),
  },
  {
    event: 'recheck_propose_change',
    questions: [
      {
        id: 'change',
        options: () => ['adjust', 'stop'],
        read: (t) => {
          const n = t.trim();
          return n === '1' || /调整/.test(n)
            ? { ok: true, value: 'adjust' }
            : n === '2' || /停/.test(n)
              ? { ok: true, value: 'stop' }
              : { ok: false, problem: 'choice_invalid' };
        },
      },
      statement('findings'),
    ],
    build: (d) => ({
      type: 'recheck_propose_change',
      change: d.change === 'stop' ? 'stop' : 'adjust',
      findings: str(d, 'findings'),
    }),
  },
];

export function specFor(event: string): StepSpec | undefined {
  return STEP_SPECS.find((s) => s.event === event);
}

/** The questions of a step as flow slots, prompting with the step's own wording. */
export function stepSlots(
  spec: StepSpec,
  c: StepContext,
  prompt: (
    questionKey: string,
    options: string[] | undefined,
    hint: Record<string, unknown> | undefined,
  ) => { templateId: string; vars: Record<string, unknown> },
): Slot<StepDraft>[] {
  return spec.questions.map((q) => {
    const applies = q.applies;
    return fieldSlot<StepDraft, string>({
      id: q.id,
      ...(applies ? { applies: (d: StepDraft) => applies(d, c) } : {}),
      prompt: (d) => prompt(`${spec.event}.${q.id}`, q.options?.(c), q.hint?.(d, c)),
      parse: (t) => q.read(t, c) as Parsed<NonNullable<unknown>>,
    });
  });
}

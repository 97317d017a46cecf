import { toLocalDate } from '../../domain/calendar';
import { DEFAULT_DEADLINE_RULES } from '../../domain/deadlines/deadline-rules';
import { publicityPeriod } from '../../domain/deadlines/due-timers';
import { formatYuan } from '../../domain/money';
import type { EventType } from '../../domain/workflow/workflow-events';
import type { StepContext, StepDraft, StepSpec } from './step-questions';

/**
 * Steps confirmed before they are taken, because they send a notice or cannot be undone (issue
 * 15: 补正 is legally one-time, 受理 and 不予受理 go to the applicant, a home visit is signed). The
 * phrase (templates/phrases/staff.step-consequences) says what will be sent to whom.
 */
export const CONFIRMED_STEPS: ReadonlySet<EventType> = new Set<EventType>([
  'accept',
  'request_materials',
  'refuse_acceptance',
  'record_home_visit',
  'review_eligible',
  'review_ineligible',
  'start_publicity',
  'record_appraisal',
  'record_objection',
  'advance_aid',
  'complete_advance_records',
  'advance_records_unfounded',
]);

/**
 * What a step without questions will publish, shown before 确认: the 公示's content and dates,
 * from the same proposal and period the posted 公示 uses (case-notices.ts, publicityPeriod).
 */
export function stepPreview(event: EventType, c: StepContext): { key: string; value: string }[] {
  if (event !== 'start_publicity') return [];
  const { lastDay } = publicityPeriod(toLocalDate(c.today), DEFAULT_DEADLINE_RULES.publicity.calendarDays);
  return [
    { key: 'publicity.name', value: c.row.applicantName },
    { key: 'publicity.village', value: c.proposal?.village ?? '' },
    { key: 'publicity.amount', value: c.proposal ? formatYuan(c.proposal.amountFen) : '' },
    { key: 'publicity.period', value: `${c.today} — ${lastDay}` },
  ];
}

/** The answers of a step as the confirmation lists them: label and value, in question order. */
export function stepAnswers(
  spec: StepSpec,
  draft: StepDraft,
  c: StepContext,
  labelOf: (questionId: string) => string,
  yesNo: (value: boolean) => string,
  optionLabel: (option: string) => string = (o) => o,
): { label: string; value: string }[] {
  const display = (id: string, value: unknown): string => {
    if (id === 'items' && Array.isArray(value))
      return value.map((m) => c.checklist.find((i) => i.id === m)?.name ?? String(m)).join('、');
    if (id === 'signers' && Array.isArray(value))
      return value.map((u) => c.colleagues.find((m) => m.userId === u)?.name ?? String(u)).join('、');
    if (typeof value === 'boolean') return yesNo(value);
    if (id === 'amountFen' && typeof value === 'number') return `${formatYuan(value)} 元`;
    if (typeof value === 'string' && ['result', 'area', 'change'].includes(id)) return optionLabel(value);
    if (id === 'attendees' && Array.isArray(value)) return value.map(String).join('、');
    return Array.isArray(value) ? value.map(String).join('；') : String(value);
  };
  return spec.questions
    .filter((q) => (q.applies?.(draft, c) ?? true) && draft[q.id] !== undefined)
    .map((q) => ({ label: labelOf(q.id), value: display(q.id, draft[q.id]) }));
}

/** Refusals about the case's state or the caller, not the answers: the draft is not given back. */
export const NOT_CURABLE_BY_ANSWERS: ReadonlySet<string> = new Set([
  'case_not_found',
  'stale_version',
  'not_allowed_in_state',
  'wrong_role',
  'other_township',
  'hiv_case_outside_township_flows',
  'publicity_not_over',
  'near_relative_filing_missing',
]);

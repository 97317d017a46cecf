import type { CaseRow } from '../../core/cases/case-records';
import { maskText } from '../../core/privacy/mask';
import type { StaffMember } from '../../core/staff/staff-directory';
import {
  type Parsed,
  parseAmountFen,
  parseCount,
  parseEventDay,
  parseFreeText,
  parseOptionNumbers,
  parseReasons,
  parseStatement,
  parseYesNo,
} from '../../domain/application/answer-parsers';
import { shanghaiDate } from '../../domain/calendar';
import type { ChecklistItem } from '../../domain/materials/checklist';
import { formatYuan } from '../../domain/money';
import { dibaoGap } from '../../domain/rules/dibao-gap';
import type { EventType, WorkflowEvent } from '../../domain/workflow/workflow-events';
import type { StepFigures } from './step-figures';

/**
 * The vocabulary steps are asked in: a step's draft and context, its questions, and the readers
 * and hints the step table (step-specs.ts) is written with.
 */
export type StepDraft = Record<string, unknown>;

/** What a step's questions may draw on: the case, the acting staff member, the day. */
export interface StepContext {
  row: CaseRow;
  staff: StaffMember;
  today: string;
  /** Active staff of the acting township (co-signers of a home visit). */
  colleagues: readonly StaffMember[];
  /** The case's materials checklist (what a materials request may name). */
  checklist: readonly ChecklistItem[];
  /**
   * Village and declared income and the 低保 standards in force (step-figures.ts), for the review's
   * questions; absent where a step is taken without questions (e.g. the workbench).
   */
  figures?: StepFigures;
  /** The amount and village the latest eligible review proposed (what the 公示 will show). */
  proposal?: { amountFen: number; village: string | undefined } | undefined;
}

/** A question of a step: what it is called (phrase key) and how the answer is read. */
interface Question {
  id: string;
  read(text: string, c: StepContext): Parsed<unknown> | { ok: false; problem: string };
  /** Numbered options shown with the question. */
  options?(c: StepContext): string[];
  applies?(draft: StepDraft, c: StepContext): boolean;
  /** Figures shown with the question (e.g. the 低保 standard and gap before the amount). */
  hint?(draft: StepDraft, c: StepContext): Record<string, unknown> | undefined;
  /**
   * How a page asks it (chat reads the same text): `long` a paragraph, `yesno` 是/否, `multiple`
   * several of the numbered options; otherwise one line, or one option when there are options.
   */
  form?: 'long' | 'yesno' | 'multiple';
}

export interface StepSpec {
  event: EventType;
  questions: readonly Question[];
  build(draft: StepDraft, c: StepContext): WorkflowEvent;
}

// Step texts are kept in clear (case_events, notices): an ID number or phone typed in is masked.
export const text = (id: string): Question => ({ id, read: (t) => parseFreeText(maskText(t)) });
/** A reason, opinion or finding: kept with the case and printed, so "无" is refused. */
export const statement = (id: string): Question => ({
  id,
  form: 'long',
  read: (t) => parseStatement(maskText(t)),
});
export const reasons = (id = 'reasons'): Question => ({
  id,
  form: 'long',
  read: (t) => parseReasons(maskText(t)),
});
export const yesNo = (id: string): Question => ({ id, form: 'yesno', read: (t) => parseYesNo(t) });
/** When something of this case was done: not in the future, not before the case began. */
export const day = (id: string): Question => ({
  id,
  read: (t, c) => parseEventDay(t, c.today, c.row.acceptedOn ?? shanghaiDate(c.row.createdAt)),
});
export const str = (draft: StepDraft, key: string) => String(draft[key] ?? '');
export const list = (draft: StepDraft, key: string) =>
  Array.isArray(draft[key]) ? (draft[key] as string[]) : [];

export const materialItems: Question = {
  id: 'items',
  form: 'multiple',
  options: (c) => c.checklist.map((m) => m.name),
  read: (t, c) => {
    const picked = parseOptionNumbers(t, c.checklist.length);
    if (!picked.ok) return { ok: false, problem: 'items_invalid' };
    if (picked.value.length === 0) return { ok: false, problem: 'items_invalid' };
    return { ok: true, value: picked.value.map((n) => c.checklist[n - 1]!.id) };
  },
};

/** 六(二): the visitors besides the one recording; each signs (“谁入户、谁签字、谁负责”). */
export const coSigners: Question = {
  id: 'signers',
  form: 'multiple',
  options: (c) => c.colleagues.filter((m) => m.userId !== c.staff.userId).map((m) => m.name),
  read: (t, c) => {
    const others = c.colleagues.filter((m) => m.userId !== c.staff.userId);
    const picked = parseOptionNumbers(t, others.length);
    if (!picked.ok) return { ok: false, problem: 'signers_invalid' };
    // At least one colleague visits and signs with the recorder (六(二)); "无" is no answer here.
    if (picked.value.length === 0) return { ok: false, problem: 'signers_required' };
    return { ok: true, value: picked.value.map((n) => others[n - 1]!.userId) };
  },
};

export function homeVisit(draft: StepDraft, c: StepContext) {
  const township = c.staff.townshipId ?? '';
  return {
    visitedOn: str(draft, 'visitedOn'),
    staff: [c.staff.userId, ...list(draft, 'signers')].map((staffId) => ({
      staffId,
      township,
      signed: true,
    })),
    findings: str(draft, 'findings'),
  };
}

/**
 * The 补差 figures shown before a 低保 amount (国务院令第649号 第十三条): the standard of the area
 * chosen, the household's ceiling and, with a declared income, the gap; or that no standard is set.
 */
export function gapHint(d: StepDraft, c: StepContext): Record<string, unknown> | undefined {
  if (c.row.program !== 'dibao') return undefined;
  const area = d.area === 'urban' || d.area === 'rural' ? d.area : undefined;
  const standard = area ? c.figures?.dibaoStandards[area] : undefined;
  if (standard === undefined) return { unset: true };
  const gap = dibaoGap(standard, c.row.householdSize, c.figures?.declared.monthlyIncomeFen);
  return {
    area,
    standard: formatYuan(gap.standardFen),
    householdSize: gap.householdSize,
    ceiling: formatYuan(gap.ceilingFen),
    income: gap.incomeFen === undefined ? undefined : formatYuan(gap.incomeFen),
    gap: gap.gapFen === undefined ? undefined : formatYuan(gap.gapFen),
  };
}

/** An amount paid or granted: more than nothing. */
export function positiveAmount(t: string): Parsed<number> | { ok: false; problem: string } {
  const amount = parseAmountFen(t, 1_000_000);
  // A staff member states an amount to pay: "无" or 0 is not one (the resident's "没有请回复无" is not for here).
  if (!amount.ok && amount.problem === 'amount_too_large') return amount;
  return amount.ok && amount.value > 0 ? amount : { ok: false, problem: 'approval_amount_invalid' };
}

/** How many people an amount is for: 1 to 30. */
export const persons = (id = 'householdSize'): Question => ({
  id,
  read: (t) => {
    const count = parseCount(t, 1, 30);
    return count.ok ? count : { ok: false, problem: 'persons_invalid' };
  },
});

/** `2026-12-09` → `2027-01`: the month after a day. */
export function monthAfter(today: string): string {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

import type { Actor, CaseFacts } from '../case/case-types';
import type { MaterialId } from '../materials/material-types';
import type { WorkflowEvent } from './workflow-events';

/** Why a step was refused; the chat layer renders each code from a template (Chinese there). */
export type RefusalCode =
  | 'not_allowed_in_state'
  | 'wrong_role'
  | 'other_township'
  | 'hiv_case_outside_township_flows'
  | 'near_relative_filing_missing'
  | 'materials_beyond_first_notice'
  | 'home_visit_needs_two_signing_staff'
  | 'appraisal_skip_needs_reason'
  | 'reasons_required'
  | 'meeting_quorum_not_met'
  | 'publicity_not_over'
  | 'amount_invalid'
  | 'amount_above_township_authority'
  | 'cannot_judge_automatically'
  | 'extension_invalid'
  | 'not_a_residence_split_case'
  | 'date_invalid'
  | 'not_above_authority'
  | 'advance_aid_emergency_only'
  | 'amount_above_standard'
  | 'appraisal_record_incomplete';

export type GuardResult = { ok: true } | { ok: false; code: RefusalCode; detail: string };

/**
 * Facts a guard may need beyond the case itself, gathered by the service before the step:
 * earlier notices, timers, and verdicts of rules that need configured numbers.
 */
export interface GuardContext {
  now: Date;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  /** The first one-time notice (一次性告知) of this case, when one was issued. */
  firstMaterialsNotice: { issuedAt: Date; items: MaterialId[] } | undefined;
  /** New facts recorded on the case (audited `record_new_fact` steps), with when they were recorded. */
  recordedNewFacts: { id: string; recordedAt: Date; description: string; requires: MaterialId[] }[];
  /** Working days the decision currently has (30, or more after an extension). */
  decisionWorkingDays: number;
  /** Configured minimums (config/parameters.json): home-visit staff and review-meeting participants. */
  minHomeVisitStaff: number;
  minMeetingParticipants: number;
  /** The last day of publicity (inclusive), when publicity started. */
  publicityLastDay: string | undefined;
  /** 三(四) verdict on a 临时救助 amount, computed with the parameters in force on the decision date. */
  temporaryAidVerdict: { verdict: 'within' | 'escalate' | 'cannot_judge'; detail: string } | undefined;
  /** 低保: the monthly per-person standard (fen) in force today for the area a review names, when set. */
  dibaoStandardFen?: number | undefined;
  /** 六 (last paragraph): most working days the decision may take for this program, with extension. */
  extensionCapWorkingDays: number;
}

export interface GuardInput<E extends WorkflowEvent = WorkflowEvent> {
  facts: CaseFacts;
  actor: Actor;
  event: E;
  context: GuardContext;
}

/** A named rule with the clause it enforces. */
export interface Guard {
  name: string;
  clause: string;
  check(input: GuardInput): GuardResult;
  /**
   * For a guard that judges the case's facts alone: whether the step can pass for this case at
   * all. A step such a guard would refuse whatever is entered is not offered (`availableSteps`).
   */
  admits?(facts: CaseFacts): boolean;
}

export const OK: GuardResult = { ok: true };

export function refuse(code: RefusalCode, detail: string): GuardResult {
  return { ok: false, code, detail };
}

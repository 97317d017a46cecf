import type { MaterialId } from '../materials/material-types';
import type { DibaoArea } from '../rules/dibao-gap';

/** Events a case can receive; each carries what its guard needs to judge it. */

/** 六(二) “谁入户、谁签字、谁负责”: every visitor signs. */
export interface HomeVisit {
  visitedOn: string;
  staff: { staffId: string; township: string; signed: boolean }[];
  findings: string;
}

/**
 * 六(二) 民主评议 as it is recorded for the archive: when, who took part (村(居)民代表 and others, by
 * name), what it concluded, and the notes of what was said.
 */
export interface AppraisalRecord {
  heldOn: string;
  attendees: string[];
  /** 一致同意 / 多数同意 / 多数不同意 (advisory: the township still reviews and decides, 六(三)). */
  result: 'unanimous' | 'majority_for' | 'majority_against';
  notes: string;
}

/** 六(三) 评审合议会: who confirmed attendance and took part. */
export interface MeetingRecord {
  heldOn: string;
  participants: { personId: string; confirmed: boolean }[];
  minutesRef: string;
}

/**
 * A fact the caseworker recorded that makes a material necessary which the first notice could not
 * have named (六(一)); it counts only if recorded after the first notice and before the request.
 */
export interface NewFact {
  id: string;
  /** ISO timestamp. */
  recordedAt: string;
  description: string;
  requires: MaterialId[];
}

export type WorkflowEvent =
  | { type: 'accept' }
  | { type: 'refuse_acceptance'; reasons: string[] }
  | { type: 'request_materials'; items: MaterialId[] }
  | { type: 'record_new_fact'; fact: Omit<NewFact, 'recordedAt'> }
  | { type: 'record_near_relative_filing'; formRef: string }
  | { type: 'record_near_relative_detected'; source: string }
  | { type: 'materials_supplied' }
  /** `hiv`: the Jilin rule applies; the case is tagged and leaves township flows for good. */
  | { type: 'refer_to_bureau'; reason: string; hiv: boolean }
  | { type: 'record_verification'; summary: string }
  | { type: 'request_residence_investigation'; letterRef: string }
  | {
      type: 'residence_results_returned';
      visit: HomeVisit;
      appraisal: { held: boolean; skipReason?: string };
    }
  | { type: 'record_home_visit'; visit: HomeVisit }
  | { type: 'record_appraisal'; appraisal: AppraisalRecord }
  | { type: 'skip_appraisal'; reason: string }
  /**
   * 六(三) 审核意见 of an eligible case, with the amount proposed (monthly for 低保/特困, the total for
   * 临时救助), which the 公示 shows; for 低保 the standard's area when a standard applies, and the
   * village the 公示 names (from the application).
   */
  | {
      type: 'review_eligible';
      opinion: string;
      proposedAmountFen: number;
      area?: DibaoArea;
      village?: string;
    }
  | { type: 'review_ineligible'; reasons: string[] }
  | { type: 'start_publicity'; startsOn: string }
  | { type: 'record_objection'; summary: string }
  | { type: 'end_publicity'; endedOn: string }
  /**
   * `amountFen`: monthly for 低保/特困, the one-time total for 临时救助 (integer fen);
   * `householdSize`: the members the meeting confirmed (六(三)), which the limits are computed on.
   */
  | {
      type: 'decide_approve';
      meeting: MeetingRecord;
      amountFen: number;
      startMonth: string;
      householdSize: number;
    }
  | {
      type: 'decide_adjust';
      meeting: MeetingRecord;
      amountFen: number;
      startMonth: string;
      householdSize: number;
      reasons: string[];
    }
  | { type: 'decide_stop'; meeting: MeetingRecord; lastMonth: string; reasons: string[] }
  | { type: 'decide_reject'; meeting: MeetingRecord; reasons: string[] }
  | { type: 'escalate'; reason: string; amountFen: number; householdSize: number }
  /**
   * 先行救助 (2018 临时救助意见 二(二); 六(五) 紧急程序): 急难型 aid paid at once, within the township's
   * authority (三(四)), without 公示 first. `reason` is the 急难事由 registered with the aid;
   * `amountFen` the one-time total, `householdSize` the persons it is for (the limit is per person).
   */
  | { type: 'advance_aid'; reason: string; amountFen: number; householdSize: number }
  /**
   * 补办: the records of a 先行救助 completed afterwards — the home visit signed by every visitor
   * (六(二)) and the township's review opinion confirming the aid (2018 意见 二(二) “补齐经办人员签字、盖章手续”).
   */
  | { type: 'complete_advance_records'; visit: HomeVisit; opinion: string }
  /** 补办 found the household did not meet the conditions: the aid paid stands, the bureau is told. */
  | { type: 'advance_records_unfounded'; visit: HomeVisit; reasons: string[] }
  /**
   * The bureau's own decision on a case it took over (an HIV referral, Jilin rule; or 一事一议,
   * 三(四)): `basis` is what it verified (县级直接核对), `amountFen` as for `decide_approve`.
   */
  | {
      type: 'bureau_decide_approve';
      basis: string;
      amountFen: number;
      startMonth: string;
      householdSize: number;
    }
  | { type: 'bureau_decide_reject'; reasons: string[] }
  | { type: 'extend_deadline'; reason: string; totalWorkingDays: number }
  | { type: 'file_with_bureau'; reportMonth: string }
  | { type: 'bureau_accepts_filing' }
  | { type: 'bureau_requests_correction'; items: string[] }
  | { type: 'correction_done'; summary: string }
  | { type: 'bureau_warning'; warningId: string }
  | { type: 'start_recheck'; reason: string }
  | { type: 'recheck_keep'; findings: string }
  | { type: 'recheck_propose_change'; change: 'adjust' | 'stop'; findings: string };

export type EventType = WorkflowEvent['type'];
export type EventOf<T extends EventType> = Extract<WorkflowEvent, { type: T }>;

import type { Role } from '../case/case-types';
import type { CaseState } from './case-states';
import type { Guard } from './guard-types';
import {
  appraisalSkipReason,
  extensionWithinCap,
  meetingQuorum,
  nearRelativeFiled,
  notHivCase,
  oneTimeNotice,
  publicityOver,
  residenceSplit,
  temporaryAidWithinAuthority,
  twoSigningStaff,
  writtenReasons,
} from './guards';
import type { EventType } from './workflow-events';

/** What a step sets in motion; the case service turns effects into timers, notices and archive entries. */
export type Effect =
  | 'clock.start' // 六 (last paragraph): the decision clock starts on acceptance
  | 'clock.stop'
  | 'clock.extend'
  | 'timer.investigation' // investigation starts within 3 working days
  | 'timer.publicity'
  | 'timer.rejection-notice' // written within 3 working days of the decision
  | 'timer.warning-recheck'
  | 'notice.acceptance' // 受理通知
  | 'notice.materials' // 补正材料一次性告知书
  | 'notice.not-accepted' // 不予受理告知
  | 'notice.publicity' // 公示
  | 'notice.approval' // 审批结果通知
  | 'notice.rejection' // 不予批准告知书
  | 'notice.residence-request' // 函请 the township of residence
  | 'archive.minutes';

export interface Transition {
  from: readonly CaseState[];
  event: EventType;
  to: CaseState | 'same';
  roles: readonly Role[];
  /** Whose township the actor must belong to: the case's (户籍), the residence township, or any (bureau). */
  tenant: 'case' | 'residence' | 'any';
  guards: readonly Guard[];
  effects: readonly Effect[];
  clause: string;
}

const CASEWORKER = ['township_caseworker'] as const;
const BUREAU = ['bureau_supervisor'] as const;
const INVESTIGATING: readonly CaseState[] = [
  'accepted',
  'verified',
  'delegated_to_residence',
  'visited',
  'appraised',
];

/**
 * The whole procedure of 舒政办发〔2023〕9号 六 and 七 as data: one row per (states, event). A step
 * not in this table is refused; every guard is listed here, so docs/workflow.md shows them all.
 */
export const TRANSITIONS: readonly Transition[] = [
  {
    from: ['submitted'],
    event: 'refer_to_bureau',
    to: 'referred_to_bureau',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [writtenReasons],
    effects: [],
    clause: 'DOMAIN.md: Jilin HIV rule',
  },
  {
    from: ['submitted'],
    event: 'accept',
    to: 'accepted',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [notHivCase, nearRelativeFiled],
    effects: ['clock.start', 'timer.investigation', 'notice.acceptance'],
    clause: '六(一)',
  },
  {
    from: ['submitted', 'awaiting_materials'],
    event: 'request_materials',
    to: 'awaiting_materials',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [notHivCase, oneTimeNotice],
    effects: ['notice.materials'],
    clause: '六(一)',
  },
  {
    from: ['awaiting_materials'],
    event: 'materials_supplied',
    to: 'submitted',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '六(一)',
  },
  {
    from: ['submitted', 'awaiting_materials'],
    event: 'refuse_acceptance',
    to: 'not_accepted',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [writtenReasons],
    effects: ['notice.not-accepted'],
    clause: '六(一)',
  },
  {
    from: ['accepted'],
    event: 'record_verification',
    to: 'verified',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '六(二)',
  },
  {
    from: ['verified'],
    event: 'request_residence_investigation',
    to: 'delegated_to_residence',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [residenceSplit],
    effects: ['notice.residence-request'],
    clause: '六(一) 人户分离',
  },
  {
    from: ['delegated_to_residence'],
    event: 'residence_results_returned',
    to: 'appraised',
    roles: CASEWORKER,
    tenant: 'residence',
    guards: [twoSigningStaff, appraisalSkipReason],
    effects: [],
    clause: '六(一) 人户分离, 六(二)',
  },
  {
    from: ['verified'],
    event: 'record_home_visit',
    to: 'visited',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [twoSigningStaff],
    effects: [],
    clause: '六(二)',
  },
  {
    from: ['visited'],
    event: 'record_appraisal',
    to: 'appraised',
    roles: ['township_caseworker', 'village_committee'],
    tenant: 'case',
    guards: [notHivCase],
    effects: ['archive.minutes'],
    clause: '六(二)',
  },
  {
    from: ['visited'],
    event: 'skip_appraisal',
    to: 'appraised',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [appraisalSkipReason],
    effects: [],
    clause: '六(二)',
  },
  {
    from: ['appraised'],
    event: 'review_eligible',
    to: 'reviewed_eligible',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '六(三)',
  },
  {
    from: ['appraised'],
    event: 'review_ineligible',
    to: 'rejected',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [writtenReasons],
    effects: ['clock.stop', 'timer.rejection-notice', 'notice.rejection'],
    clause: '六(三)',
  },
  {
    from: ['reviewed_eligible'],
    event: 'start_publicity',
    to: 'in_publicity',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [notHivCase],
    effects: ['timer.publicity', 'notice.publicity'],
    clause: '六(三)',
  },
  {
    from: ['in_publicity'],
    event: 'record_objection',
    to: 'accepted',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '六(三)',
  },
  {
    from: ['in_publicity'],
    event: 'end_publicity',
    to: 'awaiting_meeting',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [publicityOver],
    effects: [],
    clause: '六(三)',
  },
  {
    from: ['awaiting_meeting'],
    event: 'decide_approve',
    to: 'approved',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [meetingQuorum, temporaryAidWithinAuthority],
    effects: ['clock.stop', 'archive.minutes', 'notice.approval'],
    clause: '六(三), 三(四)',
  },
  {
    from: ['awaiting_meeting'],
    event: 'decide_reject',
    to: 'rejected',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [meetingQuorum, writtenReasons],
    effects: ['clock.stop', 'archive.minutes', 'timer.rejection-notice', 'notice.rejection'],
    clause: '六(三)',
  },
  {
    from: ['awaiting_meeting'],
    event: 'escalate',
    to: 'escalated_to_bureau',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [writtenReasons],
    effects: ['clock.stop'],
    clause: '三(四) 一事一议',
  },
  {
    from: [...INVESTIGATING, 'reviewed_eligible', 'in_publicity', 'awaiting_meeting'],
    event: 'extend_deadline',
    to: 'same',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [writtenReasons, extensionWithinCap],
    effects: ['clock.extend'],
    clause: '六 (last paragraph)',
  },
  {
    from: ['approved', 'rejected'],
    event: 'file_with_bureau',
    to: 'filed',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '六(三) 月报表',
  },
  {
    from: ['filed'],
    event: 'bureau_accepts_filing',
    to: 'in_payment',
    roles: BUREAU,
    tenant: 'any',
    guards: [],
    effects: [],
    clause: '六(三)',
  },
  {
    from: ['filed'],
    event: 'bureau_requests_correction',
    to: 'correction_requested',
    roles: BUREAU,
    tenant: 'any',
    guards: [writtenReasons],
    effects: [],
    clause: '六(三), 六(六)',
  },
  {
    from: ['correction_requested'],
    event: 'correction_done',
    to: 'filed',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '六(三)',
  },
  {
    from: ['in_payment'],
    event: 'bureau_warning',
    to: 'warning_recheck',
    roles: BUREAU,
    tenant: 'any',
    guards: [],
    effects: ['timer.warning-recheck'],
    clause: '七',
  },
  {
    from: ['warning_recheck'],
    event: 'recheck_keep',
    to: 'in_payment',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '七',
  },
  {
    from: ['warning_recheck'],
    event: 'recheck_propose_change',
    to: 'awaiting_meeting',
    roles: CASEWORKER,
    tenant: 'case',
    guards: [],
    effects: [],
    clause: '七',
  },
];

/** The row that handles `event` in `state`, if any. */
export function transitionFor(state: CaseState, event: EventType): Transition | undefined {
  return TRANSITIONS.find((t) => t.event === event && t.from.includes(state));
}

import type { CaseFacts, Role } from '../case/case-types';
import { type CaseState, PENDING_DECISION } from './case-states';
import type { Guard } from './guard-types';
import {
  amountStated,
  appraisalRecorded,
  appraisalSkipReason,
  emergencyAidOnly,
  escalationAboveAuthority,
  extensionWithinCap,
  meetingQuorum,
  nearRelativeFiled,
  notHivCase,
  oneTimeNotice,
  paymentMonth,
  proposedAmount,
  publicityOver,
  publicityStartsToday,
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
  | 'timer.investigation.done'
  | 'timer.publicity'
  | 'timer.publicity.done'
  | 'timer.rejection-notice' // written within 3 working days of the decision
  | 'timer.advance-records' // 先行救助: its records completed (补办) within the configured working days
  | 'timer.advance-records.done'
  | 'notice.acceptance' // 受理通知
  | 'notice.materials' // 补正材料一次性告知书
  | 'notice.not-accepted' // 不予受理告知
  | 'notice.publicity' // 公示
  | 'notice.approval' // 审批结果通知
  | 'notice.advance-aid' // 临时救助（先行救助）发放通知
  | 'notice.rejection' // 不予批准告知书
  | 'notice.change' // 停保/调整告知书
  | 'notice.residence-request' // 函请 the township of residence
  | 'notice.bureau-approval' // the bureau's own 审批结果通知
  | 'notice.bureau-rejection' // the bureau's own 不予批准告知书
  | 'alert.bureau' // the bureau supervisors are told a case now waits for them
  | 'alert.township' // the township's caseworkers are told the bureau wants something of them
  | 'archive.minutes';

export interface Transition {
  from: readonly CaseState[];
  event: EventType;
  to: CaseState | 'same';
  /** When several rows share state and event, the first whose condition holds applies. */
  when?: (facts: CaseFacts) => boolean;
  roles: readonly Role[];
  /** Whose township the actor must belong to: the case's (户籍), the residence township, or any (bureau). */
  tenant: 'case' | 'residence' | 'any';
  guards: readonly Guard[];
  effects: readonly Effect[];
  clause: string;
}

const CW = ['township_caseworker'] as const;
const BUREAU = ['bureau_supervisor'] as const;
const BEFORE_ACCEPTANCE: readonly CaseState[] = ['submitted', 'awaiting_materials'];
const DECIDED: readonly CaseState[] = ['approved', 'rejected', 'stopped'];

function row(
  from: readonly CaseState[],
  event: EventType,
  to: Transition['to'],
  guards: readonly Guard[],
  effects: readonly Effect[],
  clause: string,
  extra: Partial<Pick<Transition, 'roles' | 'tenant' | 'when'>> = {},
): Transition {
  return {
    from,
    event,
    to,
    guards,
    effects,
    clause,
    roles: extra.roles ?? CW,
    tenant: extra.tenant ?? 'case',
    ...extra,
  };
}

/**
 * The whole procedure of 舒政办发〔2023〕9号 六 and 七 as data: one row per (states, event). A step
 * not in this table is refused; every guard is listed here, so docs/workflow.md shows them all.
 * HIV-tagged cases are refused every township step but referral, in `applyEvent` (Jilin rule).
 */
export const TRANSITIONS: readonly Transition[] = [
  // 六(一) 申请受理
  row(
    [...BEFORE_ACCEPTANCE, ...PENDING_DECISION],
    'refer_to_bureau',
    'referred_to_bureau',
    [writtenReasons],
    ['clock.stop', 'alert.bureau'],
    'docs/domain.md §17, Jilin HIV rule',
  ),
  row(BEFORE_ACCEPTANCE, 'record_near_relative_filing', 'same', [], [], '六(一)'),
  row([...BEFORE_ACCEPTANCE, ...PENDING_DECISION], 'record_near_relative_detected', 'same', [], [], '六(一)'),
  row(BEFORE_ACCEPTANCE, 'record_new_fact', 'same', [], [], '六(一)'),
  row(
    ['submitted'],
    'accept',
    'accepted',
    [notHivCase, nearRelativeFiled],
    ['clock.start', 'timer.investigation', 'notice.acceptance'],
    '六(一)',
  ),
  row(
    BEFORE_ACCEPTANCE,
    'request_materials',
    'awaiting_materials',
    [notHivCase, oneTimeNotice],
    ['notice.materials'],
    '六(一)',
  ),
  row(['awaiting_materials'], 'materials_supplied', 'submitted', [], [], '六(一)'),
  row(
    BEFORE_ACCEPTANCE,
    'refuse_acceptance',
    'not_accepted',
    [writtenReasons],
    ['notice.not-accepted'],
    '六(一)',
  ),
  // 六(二) 家庭经济状况调查
  row(['accepted'], 'record_verification', 'verified', [], ['timer.investigation.done'], '六(二)'),
  row(
    ['verified'],
    'request_residence_investigation',
    'delegated_to_residence',
    [residenceSplit],
    ['notice.residence-request'],
    '六(一) 人户分离',
  ),
  row(
    ['delegated_to_residence'],
    'residence_results_returned',
    'appraised',
    [twoSigningStaff, appraisalSkipReason],
    [],
    '六(一) 人户分离, 六(二)',
    { tenant: 'residence' },
  ),
  row(['verified'], 'record_home_visit', 'visited', [twoSigningStaff], [], '六(二)'),
  row(
    ['visited'],
    'record_appraisal',
    'appraised',
    [notHivCase, appraisalRecorded],
    ['archive.minutes'],
    '六(二)',
    {
      roles: ['township_caseworker', 'village_committee'],
    },
  ),
  row(['visited'], 'skip_appraisal', 'appraised', [appraisalSkipReason], [], '六(二)'),
  // 六(三) 审核确认
  row(['appraised'], 'review_eligible', 'reviewed_eligible', [proposedAmount], [], '六(三)'),
  row(
    ['appraised'],
    'review_ineligible',
    'rejected',
    [writtenReasons],
    ['clock.stop', 'timer.rejection-notice', 'notice.rejection'],
    '六(三)',
  ),
  row(
    ['reviewed_eligible'],
    'start_publicity',
    'in_publicity',
    [notHivCase, publicityStartsToday],
    ['timer.publicity', 'notice.publicity'],
    '六(三)',
  ),
  row(['in_publicity'], 'record_objection', 'accepted', [], ['timer.publicity.done'], '六(三)'),
  row(
    ['in_publicity'],
    'end_publicity',
    'awaiting_meeting',
    [publicityOver],
    ['timer.publicity.done'],
    '六(三)',
  ),
  row(
    ['awaiting_meeting'],
    'decide_approve',
    'approved',
    [meetingQuorum, paymentMonth, temporaryAidWithinAuthority],
    ['clock.stop', 'archive.minutes', 'notice.approval'],
    '六(三), 三(四)',
    { when: (f) => f.outcome === undefined },
  ),
  row(
    ['awaiting_meeting'],
    'decide_reject',
    'rejected',
    [meetingQuorum, writtenReasons],
    ['clock.stop', 'archive.minutes', 'timer.rejection-notice', 'notice.rejection'],
    '六(三)',
    { when: (f) => f.outcome === undefined },
  ),
  // 急难型 临时救助 paid first (先行救助): within the township's authority (三(四)), with the 急难事由
  // registered, and no 公示 before the money (2018 临时救助意见 二(二): 简化…民主评议和公示等环节，直接予以
  // 救助; 六(五) 紧急程序). Taken before acceptance it is the acceptance (the day is day 0); the
  // decision clock stops, as the aid is granted; the records are completed afterwards (补办) within
  // their own deadline. 支出型 keeps the normal route (guard emergencyAidOnly).
  row(
    [...BEFORE_ACCEPTANCE, 'accepted', 'verified'],
    'advance_aid',
    'advance_paid',
    [notHivCase, nearRelativeFiled, emergencyAidOnly, writtenReasons, temporaryAidWithinAuthority],
    ['clock.stop', 'timer.advance-records', 'notice.advance-aid'],
    '2018 临时救助意见 二(二) 先行救助; 六(五) 紧急程序; 三(四)',
  ),
  row(
    ['advance_paid'],
    'complete_advance_records',
    'approved',
    [notHivCase, twoSigningStaff, writtenReasons],
    ['timer.advance-records.done'],
    '2018 临时救助意见 二(二) 补齐; 六(二) 谁入户、谁签字',
  ),
  // 补办 finds the conditions were not met. The aid was paid and stays recorded as paid (the filing
  // follows as for any approval, so the month's report counts it); the findings and reasons are
  // kept and every bureau supervisor is told, since only the bureau may order money returned —
  // which the law provides for aid obtained by false statements (社会救助暂行办法 第六十八条).
  row(
    ['advance_paid'],
    'advance_records_unfounded',
    'approved',
    [notHivCase, twoSigningStaff, writtenReasons],
    ['timer.advance-records.done', 'alert.bureau'],
    '2018 临时救助意见 二(二) 补齐; 六(二); 社会救助暂行办法 第六十八条',
  ),
  row(
    ['awaiting_meeting'],
    'escalate',
    'escalated_to_bureau',
    [writtenReasons, escalationAboveAuthority],
    ['clock.stop', 'alert.bureau'],
    '三(四) 一事一议',
  ),
  // The bureau decides what was referred or escalated to it, and keeps that archive itself: no
  // township filing follows (六(三) filing is the township's report to the bureau). An approval
  // goes to payment, which the bureau makes monthly (六(五)); a refusal closes the case.
  row(
    ['referred_to_bureau'],
    'bureau_decide_approve',
    'in_payment',
    [writtenReasons, amountStated, paymentMonth],
    ['notice.bureau-approval'],
    'docs/domain.md §17, Jilin HIV rule (吉民发〔2021〕50号 第18、21条: 县级直接受理、核对、确认，不评议不公示); 六(五)',
    { roles: BUREAU, tenant: 'any' },
  ),
  row(
    ['referred_to_bureau'],
    'bureau_decide_reject',
    'closed',
    [writtenReasons],
    ['notice.bureau-rejection'],
    'docs/domain.md §17, Jilin HIV rule (吉民发〔2021〕50号 第18、21条); 六(三) written reasons',
    { roles: BUREAU, tenant: 'any' },
  ),
  row(
    ['escalated_to_bureau'],
    'bureau_decide_approve',
    'in_payment',
    [writtenReasons, amountStated, paymentMonth],
    ['notice.bureau-approval'],
    '三(四) 一事一议; 六(五)',
    { roles: BUREAU, tenant: 'any' },
  ),
  row(
    ['escalated_to_bureau'],
    'bureau_decide_reject',
    'closed',
    [writtenReasons],
    ['notice.bureau-rejection'],
    '三(四) 一事一议; 六(三) written reasons',
    { roles: BUREAU, tenant: 'any' },
  ),
  row(
    PENDING_DECISION,
    'extend_deadline',
    'same',
    [writtenReasons, extensionWithinCap],
    ['clock.extend'],
    '六 (last paragraph)',
  ),
  // 六(三) 备案, 六(六) 监管
  row(DECIDED, 'file_with_bureau', 'filed', [], [], '六(三) 月报表'),
  row(['filed'], 'bureau_accepts_filing', 'in_payment', [], [], '六(三)', {
    roles: BUREAU,
    tenant: 'any',
    when: (f) => f.outcome === 'approved' || f.outcome === 'adjusted',
  }),
  row(['filed'], 'bureau_accepts_filing', 'closed', [], [], '六(三)', {
    roles: BUREAU,
    tenant: 'any',
    when: (f) => f.outcome === 'rejected' || f.outcome === 'stopped',
  }),
  row(
    ['filed'],
    'bureau_requests_correction',
    'correction_requested',
    [writtenReasons],
    ['alert.township'],
    '六(三), 六(六)',
    { roles: BUREAU, tenant: 'any' },
  ),
  row(['correction_requested'], 'correction_done', 'filed', [], ['alert.bureau'], '六(三)'),
  // 七 动态管理: regular re-checks and bureau warnings; adjust and stop are confirmed by the meeting
  row(['in_payment'], 'start_recheck', 'recheck', [writtenReasons], [], '七(二)'),
  row(['in_payment'], 'bureau_warning', 'recheck', [], [], '七(三)', { roles: BUREAU, tenant: 'any' }),
  row(['recheck'], 'recheck_keep', 'in_payment', [], [], '七(二), 七(三)'),
  row(['recheck'], 'recheck_propose_change', 'awaiting_meeting', [], [], '七(一)'),
  row(
    ['awaiting_meeting'],
    'decide_adjust',
    'approved',
    [meetingQuorum, writtenReasons, paymentMonth, temporaryAidWithinAuthority],
    ['archive.minutes', 'notice.change'],
    '七(一)',
    { when: (f) => f.outcome !== undefined },
  ),
  row(
    ['awaiting_meeting'],
    'decide_stop',
    'stopped',
    [meetingQuorum, writtenReasons, paymentMonth],
    ['archive.minutes', 'notice.change'],
    '七(一)',
    { when: (f) => f.outcome !== undefined },
  ),
];

/** The row that handles `event` in `state` for this case, if any. */
export function transitionFor(state: CaseState, event: EventType, facts: CaseFacts): Transition | undefined {
  return TRANSITIONS.find((t) => t.event === event && t.from.includes(state) && (t.when?.(facts) ?? true));
}

import type { CaseFacts } from '../case/case-types';
import { validateFollowUpRequest } from '../materials/one-time-notice';
import { aboveDibaoCeiling } from '../rules/dibao-gap';
import { type Guard, OK, refuse } from './guard-types';
import type { WorkflowEvent } from './workflow-events';

/**
 * The rules no step may bypass, each citing the clause it enforces. The transition table names
 * them; `applyEvent` runs them; each has a test that fails if the rule is removed.
 */

/** 六(一): near relatives of caseworkers or committee members must be filed before acceptance. */
export const nearRelativeFiled: Guard = {
  name: 'near-relative filing',
  clause: '六(一)',
  check: ({ facts }) =>
    (facts.nearRelative.declared || facts.nearRelative.detected) && !facts.nearRelative.filed
      ? refuse(
          'near_relative_filing_missing',
          'near relative declared or detected but not filed (近亲属备案)',
        )
      : OK,
};

/** Jilin rule (docs/domain.md §17): HIV cases are handled by the county bureau, never in township flows. */
export const notHivCase: Guard = {
  name: 'HIV cases stay out of township flows',
  clause: 'docs/domain.md §17, Jilin HIV rule',
  check: ({ facts }) =>
    facts.hivTagged
      ? refuse('hiv_case_outside_township_flows', 'HIV-tagged case: refer to the bureau privately')
      : OK,
};

/** 六(一): a later request may only repeat items of the first notice, unless a new fact explains it. */
export const oneTimeNotice: Guard = {
  name: 'one-time notice (一次性告知)',
  clause: '六(一)',
  check: ({ event, context }) => {
    if (event.type !== 'request_materials') return OK;
    if (event.items.length === 0)
      return refuse('reasons_required', 'a materials request must list the items');
    const first = context.firstMaterialsNotice;
    if (first === undefined) return OK;
    const verdict = validateFollowUpRequest(
      { issuedAt: first.issuedAt, catalogueVersion: '', items: first.items },
      { requestedAt: context.now, items: event.items },
      context.recordedNewFacts,
    );
    if (verdict.ok) return OK;
    const detail =
      verdict.code === 'materials_beyond_first_notice'
        ? verdict.offending.map((o) => `${o.material} (${o.reason})`).join(', ')
        : verdict.code;
    return refuse('materials_beyond_first_notice', `not allowed after the first notice: ${detail}`);
  },
};

/**
 * 六(二): at least two staff of the investigating township (the residence township when delegated)
 * visit, and every one of them signs (“谁入户、谁签字、谁负责”). The minimum is configuration.
 */
export const twoSigningStaff: Guard = {
  name: 'home visit by two signing township staff',
  clause: '六(二)',
  check: ({ event, actor, context }) => {
    const visit =
      event.type === 'record_home_visit' ||
      event.type === 'residence_results_returned' ||
      event.type === 'complete_advance_records' ||
      event.type === 'advance_records_unfounded'
        ? event.visit
        : undefined;
    if (!visit) return OK;
    const ours = visit.staff.filter((s) => s.township === actor.township);
    const signers = new Set(ours.filter((s) => s.signed).map((s) => s.staffId));
    const unsigned = visit.staff.filter((s) => !s.signed);
    if (signers.size < context.minHomeVisitStaff || unsigned.length > 0) {
      return refuse(
        'home_visit_needs_two_signing_staff',
        `${signers.size} distinct signing staff of ${actor.township ?? '?'}, ${unsigned.length} unsigned; at least ${context.minHomeVisitStaff} needed`,
      );
    }
    return OK;
  },
};

/** 六(二): democratic appraisal may be skipped only with the reason recorded. */
export const appraisalSkipReason: Guard = {
  name: 'appraisal skip needs a reason',
  clause: '六(二)',
  check: ({ event }) => {
    const reason =
      event.type === 'skip_appraisal'
        ? event.reason
        : event.type === 'residence_results_returned' && !event.appraisal.held
          ? (event.appraisal.skipReason ?? '')
          : undefined;
    return reason !== undefined && reason.trim() === ''
      ? refuse('appraisal_skip_needs_reason', 'appraisal skipped without a recorded reason')
      : OK;
  },
};

/**
 * 六(三): a refusal is written, with reasons; the same for not accepting and for corrections, and
 * the bureau's direct confirmation records what it verified (Jilin rule: 县级直接核对、确认).
 */
export const writtenReasons: Guard = {
  name: 'written reasons',
  clause: '六(三)',
  check: ({ event }) => {
    const reasons = reasonsOf(event);
    return reasons?.every((r) => r.trim() === '')
      ? refuse('reasons_required', `${event.type} without written reasons`)
      : OK;
  },
};

/** The written reasons a step carries, if it is one that must give them. */
function reasonsOf(event: WorkflowEvent): readonly string[] | undefined {
  switch (event.type) {
    case 'review_ineligible':
    case 'advance_records_unfounded':
    case 'decide_reject':
    case 'bureau_decide_reject':
    case 'refuse_acceptance':
    case 'decide_adjust':
    case 'decide_stop':
      return event.reasons;
    case 'bureau_requests_correction':
      return event.items;
    case 'bureau_decide_approve':
      return [event.basis];
    case 'extend_deadline':
    case 'escalate':
    case 'refer_to_bureau':
    case 'start_recheck':
    case 'advance_aid':
      return [event.reason];
    case 'complete_advance_records':
      return [event.opinion];
    default:
      return undefined;
  }
}

/** 六(三), 七(一): the review meeting decides with at least 5 confirmed participants (configuration). */
export const meetingQuorum: Guard = {
  name: 'review meeting quorum (≥ 5)',
  clause: '六(三)',
  check: ({ event, context }) => {
    if (!('meeting' in event)) return OK;
    const confirmed = new Set(event.meeting.participants.filter((p) => p.confirmed).map((p) => p.personId));
    return confirmed.size < context.minMeetingParticipants
      ? refuse(
          'meeting_quorum_not_met',
          `${confirmed.size} confirmed participants, at least ${context.minMeetingParticipants} needed`,
        )
      : OK;
  },
};

/** 六(三): publicity starts on the day it is recorded, so its 7 days cannot be backdated away. */
export const publicityStartsToday: Guard = {
  name: 'publicity starts today',
  clause: '六(三)',
  check: ({ event, context }) =>
    event.type === 'start_publicity' && event.startsOn !== context.today
      ? refuse(
          'date_invalid',
          `publicity must start on the day it is recorded (${context.today}), not ${event.startsOn}`,
        )
      : OK,
};

/**
 * Payment starts the month after the decision (docs/domain.md §13, from the national rules); a stop takes
 * effect after the current month at the earliest.
 */
export const paymentMonth: Guard = {
  name: 'payment month after the decision',
  clause: 'docs/domain.md §13: payment starts the month after the decision',
  check: ({ event, context }) => {
    const month =
      event.type === 'decide_approve' ||
      event.type === 'decide_adjust' ||
      event.type === 'bureau_decide_approve'
        ? event.startMonth
        : event.type === 'decide_stop'
          ? event.lastMonth
          : undefined;
    if (month === undefined) return OK;
    const expected = event.type === 'decide_stop' ? context.today.slice(0, 7) : nextMonth(context.today);
    const ok =
      /^\d{4}-(0[1-9]|1[0-2])$/.test(month) &&
      (event.type === 'decide_stop' ? month >= expected : month === expected);
    return ok
      ? OK
      : refuse(
          'date_invalid',
          `${event.type}: month ${month}, expected ${event.type === 'decide_stop' ? `${expected} or later` : expected}`,
        );
  },
};

function nextMonth(today: string): string {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** 六(三): publicity runs its full 7 days before the meeting may take the case. */
export const publicityOver: Guard = {
  name: 'publicity period over',
  clause: '六(三)',
  check: ({ context }) =>
    context.publicityLastDay === undefined || context.today <= context.publicityLastDay
      ? refuse('publicity_not_over', `publicity lasts until ${context.publicityLastDay ?? 'unknown'}`)
      : OK,
};

/**
 * 三(四): a township may approve 临时救助 only within its authority; above it, 一事一议 at the bureau.
 * The same limit binds a 先行救助: paying first is no way around the authority.
 */
export const temporaryAidWithinAuthority: Guard = {
  name: 'temporary aid within township authority',
  clause: '三(四)',
  check: ({ facts, event, context }) => {
    if (event.type !== 'decide_approve' && event.type !== 'decide_adjust' && event.type !== 'advance_aid')
      return OK;
    if (!Number.isSafeInteger(event.amountFen) || event.amountFen <= 0) {
      return refuse('amount_invalid', 'amount must be a positive whole number of fen');
    }
    if (!Number.isSafeInteger(event.householdSize) || event.householdSize < 1) {
      return refuse('amount_invalid', 'the confirmed household size must be a positive whole number');
    }
    if (facts.program !== 'linshi') return OK;
    const verdict = context.temporaryAidVerdict;
    if (!verdict || verdict.verdict === 'cannot_judge') {
      return refuse('cannot_judge_automatically', verdict?.detail ?? 'no verdict on the amount');
    }
    return verdict.verdict === 'escalate' ? refuse('amount_above_township_authority', verdict.detail) : OK;
  },
};

/** 六 (last paragraph): an extension needs a reason and never goes beyond the program's maximum. */
export const extensionWithinCap: Guard = {
  name: 'extension within the maximum',
  clause: '六 (last paragraph)',
  check: ({ event, context }) =>
    event.type === 'extend_deadline' &&
    (!Number.isInteger(event.totalWorkingDays) ||
      event.totalWorkingDays <= context.decisionWorkingDays ||
      event.totalWorkingDays > context.extensionCapWorkingDays)
      ? refuse(
          'extension_invalid',
          `extension to ${event.totalWorkingDays} working days; allowed 31-${context.extensionCapWorkingDays}`,
        )
      : OK,
};

/** 六(一) 人户分离: only a household registered here but living elsewhere is investigated there. */
export const residenceSplit: Guard = {
  name: '人户分离 case',
  clause: '六(一)',
  check: ({ facts }) =>
    facts.residenceTownship && facts.residenceTownship !== facts.township
      ? OK
      : refuse('not_a_residence_split_case', 'registered and actual residence are the same township'),
};

/** 三(四) 一事一议: only a 临时救助 amount above the township's authority goes to the bureau. */
export const escalationAboveAuthority: Guard = {
  name: 'escalation only above township authority',
  clause: '三(四)',
  check: ({ facts, event, context }) => {
    if (event.type !== 'escalate') return OK;
    if (facts.program !== 'linshi')
      return refuse('not_above_authority', 'only 临时救助 is escalated as 一事一议');
    return context.temporaryAidVerdict?.verdict === 'escalate'
      ? OK
      : refuse(
          'not_above_authority',
          context.temporaryAidVerdict?.detail ?? 'no amount above the township limit',
        );
  },
};

/**
 * The amount and household size a decision states are whole and positive (六(三) 审批结果通知
 * names them). The township's authority limit (三(四)) is `temporaryAidWithinAuthority`; a
 * bureau decision is not bound by it.
 */
export const amountStated: Guard = {
  name: 'amount and household size stated',
  clause: '六(三)',
  check: ({ event }) => {
    if (event.type !== 'bureau_decide_approve') return OK;
    if (!Number.isSafeInteger(event.amountFen) || event.amountFen <= 0)
      return refuse('amount_invalid', 'amount must be a positive whole number of fen');
    if (!Number.isSafeInteger(event.householdSize) || event.householdSize < 1)
      return refuse('amount_invalid', 'the confirmed household size must be a positive whole number');
    return OK;
  },
};

/**
 * 先行救助 is for 急难型 临时救助 only (民政部 财政部《关于进一步加强和改进临时救助工作的意见》(2018)
 * 二(二): “对于急难型临时救助……积极开展‘先行救助’……对于支出型临时救助，要严格执行申请、受理、
 * 审核、审批程序”; the notice 六(五) keeps a 紧急程序 beside monthly payment). 支出型 and the other
 * programs take the normal route.
 */
const isEmergencyAid = (facts: CaseFacts) =>
  facts.program === 'linshi' && facts.temporaryAidKind === 'emergency';
export const emergencyAidOnly: Guard = {
  name: '先行救助 only for 急难型 临时救助',
  clause: '2018 临时救助意见 二(二); 六(五)',
  admits: isEmergencyAid,
  check: ({ facts }) =>
    isEmergencyAid(facts)
      ? OK
      : refuse(
          'advance_aid_emergency_only',
          `${facts.program}/${facts.temporaryAidKind ?? '-'}: only 急难型 临时救助 is paid first`,
        ),
};

/**
 * 六(三): the review opinion of an eligible case proposes an amount, which the 公示 shows; a whole,
 * positive number of fen. For 低保 with the standard configured, the amount is a gap (补差,
 * 国务院令第649号 第十三条) and can never exceed household size × standard; unset, no judgement.
 */
export const proposedAmount: Guard = {
  name: 'proposed amount stated, within the 低保 standard',
  clause: '六(三); 国务院令第649号 第十三条',
  check: ({ facts, event, context }) => {
    if (event.type !== 'review_eligible') return OK;
    if (!Number.isSafeInteger(event.proposedAmountFen) || event.proposedAmountFen <= 0)
      return refuse('amount_invalid', 'the proposed amount must be a positive whole number of fen');
    const standard = context.dibaoStandardFen;
    if (facts.program !== 'dibao' || standard === undefined) return OK;
    return aboveDibaoCeiling(event.proposedAmountFen, standard, facts.householdSize)
      ? refuse(
          'amount_above_standard',
          `${event.proposedAmountFen} fen > ${facts.householdSize} × ${standard} fen (补差 ceiling)`,
        )
      : OK;
  },
};

/**
 * 六(二): a 民主评议 held is recorded whole — its day (not a day still to come), the people who took
 * part, its result and notes that say something — not a bare reference number: it goes into the
 * archive (八) and the bureau reviews it (六(三)).
 */
export const appraisalRecorded: Guard = {
  name: 'appraisal recorded with date, attendees, result and notes',
  clause: '六(二); 八',
  check: ({ event, context }) => {
    if (event.type !== 'record_appraisal') return OK;
    const { heldOn, attendees, result, notes } = event.appraisal;
    const names = new Set(attendees.map((a) => a.trim()).filter((a) => a !== ''));
    const problems = [
      !/^\d{4}-\d{2}-\d{2}$/.test(heldOn) || heldOn > context.today ? `held on ${heldOn}` : '',
      names.size === 0 ? 'no attendees' : '',
      !['unanimous', 'majority_for', 'majority_against'].includes(result) ? `result ${result}` : '',
      notes.trim() === '' ? 'no notes' : '',
    ].filter((p) => p !== '');
    return problems.length > 0 ? refuse('appraisal_record_incomplete', problems.join('; ')) : OK;
  },
};

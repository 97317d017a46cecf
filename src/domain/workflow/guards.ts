import { validateFollowUpRequest } from '../materials/one-time-notice';
import { type Guard, OK, refuse } from './guard-types';

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

/** Jilin rule (DOMAIN.md): HIV cases are handled by the county bureau, never in township flows. */
export const notHivCase: Guard = {
  name: 'HIV cases stay out of township flows',
  clause: 'DOMAIN.md: Jilin HIV rule',
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
      event.newFacts.map((f) => ({ ...f, recordedAt: new Date(f.recordedAt) })),
    );
    if (verdict.ok) return OK;
    const detail =
      verdict.code === 'materials_beyond_first_notice'
        ? verdict.offending.map((o) => `${o.material} (${o.reason})`).join(', ')
        : verdict.code;
    return refuse('materials_beyond_first_notice', `not allowed after the first notice: ${detail}`);
  },
};

/** 六(二): at least two township staff visit, and every one of them signs. */
export const twoSigningStaff: Guard = {
  name: 'home visit by two signing staff',
  clause: '六(二)',
  check: ({ event }) => {
    const visit =
      event.type === 'record_home_visit' || event.type === 'residence_results_returned'
        ? event.visit
        : undefined;
    if (!visit) return OK;
    const signers = new Set(visit.staff.filter((s) => s.signed).map((s) => s.staffId));
    const unsigned = visit.staff.filter((s) => !s.signed);
    if (signers.size < 2 || unsigned.length > 0) {
      return refuse(
        'home_visit_needs_two_signing_staff',
        `${signers.size} distinct signing staff, ${unsigned.length} unsigned`,
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

/** 六(三): a refusal is written, with reasons; the same for not accepting and for corrections. */
export const writtenReasons: Guard = {
  name: 'written reasons',
  clause: '六(三)',
  check: ({ event }) => {
    const reasons =
      event.type === 'review_ineligible' ||
      event.type === 'decide_reject' ||
      event.type === 'refuse_acceptance'
        ? event.reasons
        : event.type === 'bureau_requests_correction'
          ? event.items
          : event.type === 'extend_deadline' || event.type === 'escalate'
            ? [event.reason]
            : undefined;
    return reasons?.every((r) => r.trim() === '')
      ? refuse('reasons_required', `${event.type} without written reasons`)
      : OK;
  },
};

/** 六(三): the review meeting decides with at least 5 confirmed participants. */
export const meetingQuorum: Guard = {
  name: 'review meeting quorum (≥ 5)',
  clause: '六(三)',
  check: ({ event }) => {
    if (event.type !== 'decide_approve' && event.type !== 'decide_reject') return OK;
    const confirmed = new Set(event.meeting.participants.filter((p) => p.confirmed).map((p) => p.personId));
    return confirmed.size < 5
      ? refuse('meeting_quorum_not_met', `${confirmed.size} confirmed participants, at least 5 needed`)
      : OK;
  },
};

/** 六(三): publicity runs its full 7 days before the meeting may take the case. */
export const publicityOver: Guard = {
  name: 'publicity period over',
  clause: '六(三)',
  check: ({ context }) =>
    context.publicityLastDay === undefined || context.today <= context.publicityLastDay
      ? refuse('publicity_not_over', `publicity lasts until ${context.publicityLastDay ?? 'unknown'}`)
      : OK,
};

/** 三(四): a township may approve 临时救助 only within its authority; above it, 一事一议 at the bureau. */
export const temporaryAidWithinAuthority: Guard = {
  name: 'temporary aid within township authority',
  clause: '三(四)',
  check: ({ facts, event, context }) => {
    if (event.type !== 'decide_approve') return OK;
    if (!Number.isSafeInteger(event.amountFen) || event.amountFen <= 0) {
      return refuse('amount_invalid', 'amount must be a positive whole number of fen');
    }
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(event.startMonth))
      return refuse('amount_invalid', 'start month must be YYYY-MM');
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
      event.totalWorkingDays <= 30 ||
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

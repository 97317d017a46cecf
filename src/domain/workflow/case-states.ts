/**
 * The states of a case, in procedure order (六). `in_payment` is an approved case being paid,
 * where dynamic management (七) starts: a regular re-check or a bureau warning puts it in `recheck`,
 * whence it is kept, or adjusted or stopped by the review meeting.
 */
export const CASE_STATES = [
  'submitted',
  'awaiting_materials',
  'not_accepted',
  'referred_to_bureau',
  'accepted',
  'verified',
  'delegated_to_residence',
  'visited',
  'appraised',
  'reviewed_eligible',
  'in_publicity',
  'awaiting_meeting',
  'advance_paid',
  'approved',
  'rejected',
  'stopped',
  'escalated_to_bureau',
  'filed',
  'correction_requested',
  'in_payment',
  'closed',
  'recheck',
] as const;

export type CaseState = (typeof CASE_STATES)[number];

/** States in which the decision is pending and its statutory clock runs (六, last paragraph). */
export const PENDING_DECISION: readonly CaseState[] = [
  'accepted',
  'verified',
  'delegated_to_residence',
  'visited',
  'appraised',
  'reviewed_eligible',
  'in_publicity',
  'awaiting_meeting',
];

/**
 * 急难型 临时救助 paid first (先行救助, 2018 临时救助意见 二(二)): the aid is granted and paid, its
 * records (investigation, signatures) still to be completed (补办) within their deadline.
 */
export const ADVANCE_PAID: CaseState = 'advance_paid';

/** An application still on its way to a decision: a second one for the same program waits for it. */
export const APPLICATION_IN_PROGRESS: readonly CaseState[] = [
  'submitted',
  'awaiting_materials',
  ...PENDING_DECISION,
  ADVANCE_PAID,
];

/**
 * The states of a case, in procedure order (六). `in_payment` is an approved case being paid,
 * where dynamic management (七) and bureau warnings start.
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
  'approved',
  'rejected',
  'escalated_to_bureau',
  'filed',
  'correction_requested',
  'in_payment',
  'closed',
  'warning_recheck',
] as const;

export type CaseState = (typeof CASE_STATES)[number];

/** States in which the statutory decision clock runs (六, last paragraph). */
export const CLOCK_RUNNING: readonly CaseState[] = [
  'accepted',
  'verified',
  'delegated_to_residence',
  'visited',
  'appraised',
  'reviewed_eligible',
  'in_publicity',
  'awaiting_meeting',
];

import { CASE_STATES, type CaseState } from './case-states';

/** States in which a case waits for the township (accept, investigate, decide, file, re-check). */
export const NEEDS_TOWNSHIP: readonly CaseState[] = CASE_STATES.filter(
  (s) =>
    !['not_accepted', 'referred_to_bureau', 'escalated_to_bureau', 'filed', 'in_payment', 'closed'].includes(
      s,
    ),
);

/**
 * Timers whose date the law sets: the township must act by then (publicity is a minimum, not a
 * deadline). A decided case with a written notice or 补办 still due stays in the township's queue.
 */
export const LEGAL_DEADLINES = ['decision', 'investigation', 'rejection-notice', 'advance-records'] as const;
export type LegalDeadline = (typeof LEGAL_DEADLINES)[number];

/**
 * States in which a case waits for the bureau (四(一), Jilin HIV rule): its own decision first
 * (referred, escalated as 一事一议), then filings to review; this order is the queue's order.
 */
export const NEEDS_BUREAU: readonly CaseState[] = ['referred_to_bureau', 'escalated_to_bureau', 'filed'];

import type { EventType } from './workflow-events';

/**
 * The township's decisions on a case (六(三)): the review meeting's four, and a rejection at the
 * review itself. What the monthly report counts, the archive's decision notice follows and the
 * month's filing collects.
 */
export const DECISION_EVENTS = [
  'decide_approve',
  'decide_adjust',
  'decide_stop',
  'decide_reject',
  'review_ineligible',
] as const satisfies readonly EventType[];

/** The decisions a review meeting (评审合议会) takes. */
export const MEETING_DECISION_EVENTS = [
  'decide_approve',
  'decide_adjust',
  'decide_stop',
  'decide_reject',
] as const satisfies readonly EventType[];

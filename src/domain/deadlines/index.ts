/**
 * Deadlines of the delegated procedure as data and due timers: decision (六, last paragraph),
 * investigation start, rejection notice, publicity, and the national 20-day internal target.
 */
export { computeTimer } from './compute-timer';
export type { DeadlineError, DeadlineErrorCode, DeadlineResult } from './deadline-errors';
export {
  COUNTING_RULE_CITATION,
  DEFAULT_DEADLINE_RULES,
  type DeadlineRules,
  deadlineRulesSchema,
} from './deadline-rules';
export {
  type AnchorEvent,
  type Citation,
  type DecisionExtension,
  type DueTimerSpec,
  type PeriodUnit,
  PROGRAM_CODES,
  type ProgramCode,
  type TimerDraft,
  type TimerKind,
  type TimerNature,
  type WarningPoint,
} from './deadline-types';
export { type ExtensionRequest, extendDecisionTimer } from './decision-extension';
export {
  type AcceptedCase,
  type AdvancePaidCase,
  advanceRecordsTimer,
  decisionTimer,
  internalTargetTimer,
  investigationTimer,
  type PublicisedCase,
  publicityEndableFrom,
  publicityPeriod,
  publicityTimer,
  type RejectedCase,
  rejectionNoticeTimer,
  timerId,
  timersOnAcceptance,
} from './due-timers';
export { recomputeStaleTimers, recomputeTimer, type TimerRecomputation } from './recompute-timers';
export {
  dueWithinWorkingDays,
  isOverdue,
  isPeriodOver,
  overdueTimers,
  reachedWarnings,
  type TimerStanding,
  type TimerStatus,
  timerStanding,
  workingDaysLeft,
} from './timer-queries';

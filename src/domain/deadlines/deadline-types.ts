import type { LocalDate, ProvisionalMark } from '../calendar';

/**
 * Shapes of deadlines and due timers. A timer spec is what the due-timers table stores: the
 * service upserts it by `id`, and cron only sweeps the table (the deadline pattern of case-management systems such as IBM Cúram).
 */

/** 三 下放清单: 低保 (incl. 低保边缘), 特困, 临时救助. Same values as the case model's program. */
export type ProgramCode = 'dibao' | 'tekun' | 'linshi';

/** Every program, for rules that apply to all. */
export const PROGRAM_CODES: readonly ProgramCode[] = ['dibao', 'tekun', 'linshi'];

/** The timers a case can have; each is also the prefix of the timer's id (`decision.<caseId>`). */
export type TimerKind =
  | 'decision'
  | 'investigation'
  | 'rejection-notice'
  | 'publicity'
  | 'target20'
  | 'advance-records';

/**
 * What missing the due date means. Only `legal-deadline` is the law's limit; `internal-target`
 * is the earlier line of the 2022 national notice and must never be shown as the legal deadline;
 * `minimum-period` ends a period that must run in full (publicity) before the next step.
 */
export type TimerNature = 'legal-deadline' | 'internal-target' | 'minimum-period';

/** The event the period is counted from. */
export type AnchorEvent = 'acceptance' | 'decision' | 'publicity-start' | 'advance-aid';

/** Working days follow the holiday schedule; calendar days do not. */
export type PeriodUnit = 'working-days' | 'calendar-days';

/** Where a rule comes from: document and clause, so every alert can say why. */
export interface Citation {
  readonly document: string;
  readonly clause: string;
}

/** An alert before the due date. */
export interface WarningPoint {
  /** Deterministic: `<timer id>.warn-<n>`, so a re-run never doubles an alert. */
  readonly id: string;
  readonly workingDaysBefore: number;
  readonly date: LocalDate;
}

/** The extension allowance of a decision timer (六, last paragraph). */
export interface DecisionExtension {
  /** The normal period, 30 working days. */
  readonly baseDays: number;
  /** The most it may ever reach: 45 (低保, 特困) or 60 (临时救助). */
  readonly maxDays: number;
  /** The recorded reason, once extended; undefined while not extended. */
  readonly reason: string | undefined;
}

/** The inputs of a timer: everything but what the calendar computes from them. */
export interface TimerDraft {
  readonly id: string;
  readonly kind: TimerKind;
  readonly caseId: string;
  readonly program: ProgramCode;
  readonly nature: TimerNature;
  readonly anchor: { readonly event: AnchorEvent; readonly date: LocalDate };
  readonly period: { readonly unit: PeriodUnit; readonly days: number };
  /** The rule's warning offsets, kept so a recomputation needs no rules. */
  readonly warningWorkingDaysBefore: readonly number[];
  /** Only on decision timers. */
  readonly extension: DecisionExtension | undefined;
  /** Version of the rule values used, so an old deadline can be explained. */
  readonly rulesVersion: string;
  readonly citations: readonly Citation[];
}

/** A due timer ready to store: the draft plus its dates on a given calendar. */
export interface DueTimerSpec extends TimerDraft, ProvisionalMark {
  readonly dueDate: LocalDate;
  /** Ascending by date; only points after the anchor date are kept. */
  readonly warnings: readonly WarningPoint[];
  /** The calendar that produced the dates; a different current version means recompute. */
  readonly calendarVersion: string;
}

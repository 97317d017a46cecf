import { addCalendarDays, type LocalDate, type WorkingDayCalendar } from '../calendar';
import { computeTimer } from './compute-timer';
import type { DeadlineRules } from './deadline-rules';
import type {
  AnchorEvent,
  Citation,
  DecisionExtension,
  DueTimerSpec,
  ProgramCode,
  TimerDraft,
  TimerKind,
  TimerNature,
} from './deadline-types';

/**
 * The timers each procedural event starts. Pure: the service stores what these return and
 * cron sweeps the table.
 */

/** A case just accepted (受理): the day the working-day clock starts (六(四), 六 last paragraph). */
export interface AcceptedCase {
  readonly caseId: string;
  readonly program: ProgramCode;
  readonly acceptedOn: LocalDate;
}

/** A case the township decided not to approve (六(三)). */
export interface RejectedCase {
  readonly caseId: string;
  readonly program: ProgramCode;
  readonly decidedOn: LocalDate;
}

/** A case whose publicity was posted (六(三)); `startsOn` is the first day it is on display. */
export interface PublicisedCase {
  readonly caseId: string;
  readonly program: ProgramCode;
  readonly startsOn: LocalDate;
}

/** A 急难型 临时救助 paid first (先行救助) on `paidOn`, its records still to be completed. */
export interface AdvancePaidCase {
  readonly caseId: string;
  readonly program: ProgramCode;
  readonly paidOn: LocalDate;
}

/** Deterministic timer id, `<kind>.<caseId>`: re-creating a timer upserts the same row. */
export function timerId(kind: TimerKind, caseId: string): string {
  if (caseId.trim() === '') throw new RangeError('a timer needs a case id');
  return `${kind}.${caseId}`;
}

/**
 * Everything acceptance starts: the legal decision deadline, the investigation start, and the
 * 20-day internal target when enabled for the program.
 */
export function timersOnAcceptance(
  accepted: AcceptedCase,
  rules: DeadlineRules,
  calendar: WorkingDayCalendar,
): DueTimerSpec[] {
  const timers = [
    decisionTimer(accepted, rules, calendar),
    investigationTimer(accepted, rules, calendar),
    internalTargetTimer(accepted, rules, calendar),
  ];
  return timers.filter((t): t is DueTimerSpec => t !== undefined);
}

/** 六 (last paragraph): decided within 30 working days of acceptance, extendable to the maximum. */
export function decisionTimer(
  accepted: AcceptedCase,
  rules: DeadlineRules,
  calendar: WorkingDayCalendar,
): DueTimerSpec {
  const { decision } = rules;
  const days = decision.days[accepted.program];
  return build(
    { kind: 'decision', nature: 'legal-deadline', event: 'acceptance', date: accepted.acceptedOn },
    accepted,
    { unit: 'working-days', days },
    decision,
    rules.version,
    { baseDays: days, maxDays: decision.maxDays[accepted.program], reason: undefined },
    calendar,
  );
}

/** The household investigation starts within 3 working days of acceptance. */
export function investigationTimer(
  accepted: AcceptedCase,
  rules: DeadlineRules,
  calendar: WorkingDayCalendar,
): DueTimerSpec | undefined {
  const head = {
    kind: 'investigation',
    nature: 'legal-deadline',
    event: 'acceptance',
    date: accepted.acceptedOn,
  } as const;
  return workingDayTimer(head, accepted, rules.investigation, rules.version, calendar);
}

/**
 * The national 20-working-day line for delegated townships: an internal target only (nature
 * `internal-target`), never the legal deadline; absent when switched off or not for the program.
 */
export function internalTargetTimer(
  accepted: AcceptedCase,
  rules: DeadlineRules,
  calendar: WorkingDayCalendar,
): DueTimerSpec | undefined {
  if (!rules.internalTarget.enabled) return undefined;
  const head = {
    kind: 'target20',
    nature: 'internal-target',
    event: 'acceptance',
    date: accepted.acceptedOn,
  } as const;
  return workingDayTimer(head, accepted, rules.internalTarget, rules.version, calendar);
}

/** The written rejection, with reasons, within 3 working days of the decision. */
export function rejectionNoticeTimer(
  rejected: RejectedCase,
  rules: DeadlineRules,
  calendar: WorkingDayCalendar,
): DueTimerSpec | undefined {
  const head = {
    kind: 'rejection-notice',
    nature: 'legal-deadline',
    event: 'decision',
    date: rejected.decidedOn,
  } as const;
  return workingDayTimer(head, rejected, rules.rejectionNotice, rules.version, calendar);
}

/**
 * 先行救助 then 补办 (2018 临时救助意见 二(二)): the records of an aid paid first are completed
 * within the configured working days of the day it was paid. A legal deadline: alerts before,
 * escalation when overdue, closed when the records are completed.
 */
export function advanceRecordsTimer(
  paid: AdvancePaidCase,
  rules: DeadlineRules,
  calendar: WorkingDayCalendar,
): DueTimerSpec | undefined {
  const head = {
    kind: 'advance-records',
    nature: 'legal-deadline',
    event: 'advance-aid',
    date: paid.paidOn,
  } as const;
  return workingDayTimer(head, paid, rules.advanceRecords, rules.version, calendar);
}

/**
 * 六(三): publicity for 7 calendar days. The due date is the last day of publicity, counted like
 * every period with the posting day not counted (民法典 第二百零一条): posted on the 1st, it runs
 * to the end of the 8th, and the review meeting may sit from the 9th. Counting the posting day
 * would cut the objection window short when the notice goes up late in the day.
 */
export function publicityTimer(
  publicised: PublicisedCase,
  rules: DeadlineRules,
  calendar: WorkingDayCalendar,
): DueTimerSpec | undefined {
  const rule = rules.publicity;
  if (!rule.programs.includes(publicised.program)) return undefined;
  return build(
    { kind: 'publicity', nature: 'minimum-period', event: 'publicity-start', date: publicised.startsOn },
    publicised,
    { unit: 'calendar-days', days: rule.calendarDays },
    rule,
    rules.version,
    undefined,
    calendar,
  );
}

/**
 * The one statement of a publicity's dates, used by the posted 公示, the digest, the alerts and
 * the guard alike: the last day it is on display (the timer's due date) and the first day its
 * end may be recorded.
 */
export function publicityPeriod(
  startsOn: LocalDate,
  calendarDays: number,
): { lastDay: LocalDate; endableFrom: LocalDate } {
  const lastDay = addCalendarDays(startsOn, calendarDays);
  return { lastDay, endableFrom: publicityEndableFrom(lastDay) };
}

/** The day after the last day of publicity: from then on its end may be recorded (guard `publicityOver`). */
export function publicityEndableFrom(lastDay: LocalDate): LocalDate {
  return addCalendarDays(lastDay, 1);
}

interface TimerHead {
  readonly kind: TimerKind;
  readonly nature: TimerNature;
  readonly event: AnchorEvent;
  readonly date: LocalDate;
}

/** A working-day timer of a rule that applies to some programs; undefined for the others. */
function workingDayTimer(
  head: TimerHead,
  subject: { readonly caseId: string; readonly program: ProgramCode },
  rule: DeadlineRules['investigation'],
  rulesVersion: string,
  calendar: WorkingDayCalendar,
): DueTimerSpec | undefined {
  if (!rule.programs.includes(subject.program)) return undefined;
  return build(
    head,
    subject,
    { unit: 'working-days', days: rule.days },
    rule,
    rulesVersion,
    undefined,
    calendar,
  );
}

function build(
  head: TimerHead,
  subject: { readonly caseId: string; readonly program: ProgramCode },
  period: TimerDraft['period'],
  rule: { readonly warningWorkingDaysBefore: readonly number[]; readonly citations: readonly Citation[] },
  rulesVersion: string,
  extension: DecisionExtension | undefined,
  calendar: WorkingDayCalendar,
): DueTimerSpec {
  return computeTimer(
    {
      id: timerId(head.kind, subject.caseId),
      kind: head.kind,
      caseId: subject.caseId,
      program: subject.program,
      nature: head.nature,
      anchor: { event: head.event, date: head.date },
      period,
      warningWorkingDaysBefore: rule.warningWorkingDaysBefore,
      extension,
      rulesVersion,
      citations: rule.citations,
    },
    calendar,
  );
}

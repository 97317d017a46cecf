import { eq } from 'drizzle-orm';
import { type AlertJobDeps, alertLabels, DEFAULT_THRESHOLDS } from '../../core/alerting/alert-deps';
import { type Alert, queueAlerts } from '../../core/alerting/alert-queue';
import { type AlertRecipients, loadAlertRecipients } from '../../core/alerting/alert-recipients';
import type { Db } from '../../core/db/database';
import { cases, dueTimers } from '../../core/db/schema';
import type { JobSummary } from '../../core/scheduling/job-types';
import {
  isWorkingDay,
  type LocalDate,
  shanghaiDate,
  toLocalDate,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../../domain/calendar';
import { type DueTimerSpec, publicityEndableFrom } from '../../domain/deadlines';
import { LEGAL_DEADLINES } from '../../domain/workflow/work-queues';
import { bandOf, type ScannedTimer, type SweepWindow, scanDueTimers, scanLimits } from './deadline-scan';

export const DEADLINE_ALERTS_JOB = 'deadline-alerts';

/** Timers whose due date is the law's limit (nature `legal-deadline`): warned, and escalated when past. */
const LEGAL_DEADLINE_KINDS: ReadonlySet<string> = new Set(LEGAL_DEADLINES);
/** The 20-day internal target: one reminder this many working days before, never "overdue". */
const INTERNAL_TARGET_REMINDER_DAYS = 3;
/** Publicity, a minimum period: one "publicity ends" notice from the last working day before its end. */
const PUBLICITY_NOTICE_DAYS = 1;

/**
 * The deadline sweep (working days only): one indexed query for the open timers due within the
 * largest threshold or past, then per timer and threshold one once-only alert.
 *
 * - Legal deadlines (decision, investigation start, rejection notice): the township's caseworkers
 *   at 5, 3 and 1 working days left (the smallest threshold reached, so a missed day still warns);
 *   once past, one escalation to the caseworkers, the township's coordination-group lead
 *   (民政分管领导, else all its coordination members) and every bureau supervisor.
 * - The 20-day internal target: one reminder to the caseworkers, worded as an internal target and
 *   never escalated; it is not the legal deadline.
 * - Publicity: one "publicity ends" notice to the caseworkers (a minimum period, not a deadline).
 * - HIV-tagged cases are skipped (Jilin rule: applied for at the bureau, never in township flows or
 *   group messages; the to-do list hides them too). The workflow refuses township steps on them,
 *   so an open timer on one means it was tagged later: logged by case id for the bureau to resolve.
 *
 * Keys carry the due date, so an extended deadline warns again against its new date.
 */
export async function runDeadlineAlerts(now: Date, deps: AlertJobDeps): Promise<JobSummary> {
  const { db, calendar, log } = deps;
  const today = shanghaiDate(now);
  if (!isWorkingDay(calendar, today)) return { today, skipped: 'non-working-day' };
  const { legal, target, publicity, sweep } = deadlineSweepLimits(calendar, today, deps.thresholds);
  const labels = alertLabels(deps);
  const recipients = await loadAlertRecipients(db, labels.leadPosition);
  const timers = await scanDueTimers(db, sweep);
  const summary = {
    today,
    scanned: timers.length,
    due: 0,
    queued: 0,
    unrouted: 0,
    unknownKind: 0,
    hivSkipped: 0,
  };
  const alerts: (Alert & { dueOn: string })[] = [];
  const unroutedTownships = new Set<string>();
  for (const timer of timers) {
    if (timer.hivTagged) {
      summary.hivSkipped += 1;
      log.warn(
        { caseId: timer.caseId, timer: timer.kind },
        'deadline alert skipped: HIV-tagged case has an open township timer',
      );
      continue;
    }
    const found = alertFor(timer, { legal, target, publicity }, recipients);
    if (found === 'unknown-kind') summary.unknownKind += 1;
    if (typeof found !== 'object') continue;
    summary.due += 1;
    if (found.caseworkers === 0) {
      summary.unrouted += 1;
      unroutedTownships.add(timer.townshipId);
    }
    const { template, vars, ...alert } = found.alert;
    alerts.push({
      ...alert,
      dueOn: timer.dueOn,
      caseId: timer.caseId,
      render: async (tx) => {
        const details = await detailsOf(tx, timer.id);
        return deps.templates.render(template, {
          township: labels.township(timer.townshipId),
          caseId: timer.caseId,
          name: details.applicantName,
          program: labels.program(details.program),
          kindLabel: labels.kind(timer.kind),
          dueOn: timer.dueOn,
          provisional: details.provisional,
          sources: labels.sources(details.spec.citations ?? []),
          ...vars(deps.calendar, today),
        });
      },
    });
  }
  if (unroutedTownships.size > 0)
    log.warn(
      { townships: [...unroutedTownships].sort(), alerts: summary.unrouted },
      'deadline alerts for townships without an active caseworker (sent when one is registered)',
    );
  // Most urgent first, so a recipient's queue opens with the oldest overdue deadline.
  alerts.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.key < b.key ? -1 : 1));
  summary.queued = await queueAlerts(db, alerts, now);
  if (summary.queued > 0) deps.onQueued?.();
  return summary;
}

type PendingAlert = Omit<Alert, 'render' | 'caseId'> & {
  template: string;
  vars(calendar: WorkingDayCalendar, today: LocalDate): Record<string, unknown>;
};

/** Which alert a timer is due for today, if any, and to whom (per the rules in the job's comment). */
function alertFor(
  timer: ScannedTimer,
  limits: Omit<ReturnType<typeof deadlineSweepLimits>, 'sweep'>,
  recipients: AlertRecipients,
): { alert: PendingAlert; caseworkers: number } | 'unknown-kind' | undefined {
  const caseworkers = recipients.caseworkers(timer.townshipId);
  const found = (alert: PendingAlert) => ({ alert, caseworkers: caseworkers.length });
  const daysLeft = (calendar: WorkingDayCalendar, today: LocalDate) => ({
    daysLeft: workingDaysBetween(calendar, today, toLocalDate(timer.dueOn)).days,
    dueToday: timer.dueOn === today,
  });
  if (LEGAL_DEADLINE_KINDS.has(timer.kind)) {
    const band = bandOf(limits.legal, timer.dueOn);
    if (!band) return undefined;
    if (band.overdue)
      return found({
        key: `overdue:${timer.id}:${timer.dueOn}`,
        kind: 'deadline-overdue',
        recipients: [
          ...caseworkers,
          ...recipients.coordinationLeads(timer.townshipId),
          ...recipients.supervisors(),
        ],
        template: 'staff.alerts.deadline-overdue',
        vars: (calendar, today) => ({
          daysOverdue: workingDaysBetween(calendar, toLocalDate(timer.dueOn), today).days,
        }),
      });
    return found({
      key: `warn:${timer.id}:${timer.dueOn}:${band.days}`,
      kind: 'deadline-warning',
      recipients: caseworkers,
      template: 'staff.alerts.deadline-warning',
      vars: daysLeft,
    });
  }
  if (timer.kind === 'target20') {
    const band = bandOf(limits.target, timer.dueOn);
    if (!band || band.overdue) return undefined;
    return found({
      key: `target:${timer.id}:${timer.dueOn}`,
      kind: 'internal-target',
      recipients: caseworkers,
      template: 'staff.alerts.internal-target',
      vars: daysLeft,
    });
  }
  if (timer.kind === 'publicity') {
    const band = bandOf(limits.publicity, timer.dueOn);
    if (!band) return undefined;
    return found({
      key: `publicity-ends:${timer.id}:${timer.dueOn}`,
      kind: 'publicity-ends',
      recipients: caseworkers,
      template: 'staff.alerts.publicity-ends',
      vars: () => ({
        over: band.overdue,
        endsOn: timer.dueOn,
        endableFrom: publicityEndableFrom(toLocalDate(timer.dueOn)),
      }),
    });
  }
  return 'unknown-kind';
}

/**
 * The boundaries of the sweep on `today`: per kind of timer, and for the one query (the widest).
 * Exported for the benchmark, which times exactly the job's scan.
 */
export function deadlineSweepLimits(
  calendar: WorkingDayCalendar,
  today: LocalDate,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
) {
  const legal = scanLimits(calendar, today, thresholds);
  const target = scanLimits(calendar, today, [INTERNAL_TARGET_REMINDER_DAYS]);
  const publicity = scanLimits(calendar, today, [PUBLICITY_NOTICE_DAYS]);
  // Dates 'YYYY-MM-DD' sort as strings: the widest horizon is the last.
  const horizon = [legal, target, publicity].map((l) => l.horizon).sort()[2]!;
  const sweep: SweepWindow = {
    horizon,
    narrower: [
      // The internal target only while its reminder is due (never past); publicity near its end or over.
      { kind: 'target20', from: today, below: target.horizon },
      { kind: 'publicity', below: publicity.horizon },
    ],
  };
  return { legal, target, publicity, sweep };
}

/** What the text needs beyond the scan, read only for an alert about to be queued. */
async function detailsOf(tx: Db, timerId: string) {
  const [row] = await tx
    .select({
      spec: dueTimers.spec,
      provisional: dueTimers.provisional,
      applicantName: cases.applicantName,
      program: cases.program,
    })
    .from(dueTimers)
    .innerJoin(cases, eq(cases.id, dueTimers.caseId))
    .where(eq(dueTimers.id, timerId));
  if (!row) throw new Error(`timer ${timerId} vanished during the sweep`);
  return { ...row, spec: row.spec as Partial<DueTimerSpec> };
}

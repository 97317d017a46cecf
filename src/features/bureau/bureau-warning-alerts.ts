import { and, asc, lt, sql } from 'drizzle-orm';
import { type AlertJobDeps, alertLabels } from '../../core/alerting/alert-deps';
import { queueAlert } from '../../core/alerting/alert-queue';
import { loadAlertRecipients } from '../../core/alerting/alert-recipients';
import { bureauWarnings } from '../../core/db/schema';
import type { JobSummary } from '../../core/scheduling/job-types';
import { isWorkingDay, shanghaiDate, toLocalDate, workingDaysBetween } from '../../domain/calendar';
import { bandOf, scanLimits } from '../alerts/deadline-scan';

export const BUREAU_WARNING_ALERTS_JOB = 'bureau-warning-alerts';

/** Working days before the bureau's deadline at which the township is reminded (七). */
export const BUREAU_WARNING_THRESHOLDS: readonly number[] = [3, 1];

/**
 * Bureau warning data (预警, 七): the township re-checks each flagged household by the bureau's
 * date. Its caseworkers are reminded at 3 and 1 working days left and told once when it is past
 * (working days only). Only caseworkers: the warning names a household.
 */
export async function runBureauWarningAlerts(now: Date, deps: AlertJobDeps): Promise<JobSummary> {
  const { db, calendar, log } = deps;
  const today = shanghaiDate(now);
  if (!isWorkingDay(calendar, today)) return { today, skipped: 'non-working-day' };
  const limits = scanLimits(calendar, today, BUREAU_WARNING_THRESHOLDS);
  const labels = alertLabels(deps);
  const recipients = await loadAlertRecipients(db, labels.leadPosition);
  const warnings = await db
    .select()
    .from(bureauWarnings)
    .where(and(sql`${bureauWarnings.status} = 'open'`, lt(bureauWarnings.dueOn, limits.horizon)))
    .orderBy(asc(bureauWarnings.dueOn), asc(bureauWarnings.id));
  const summary = { today, scanned: warnings.length, queued: 0, unrouted: 0 };
  for (const warning of warnings) {
    const band = bandOf(limits, warning.dueOn);
    if (!band) continue;
    const caseworkers = recipients.caseworkers(warning.townshipId);
    if (caseworkers.length === 0) {
      summary.unrouted += 1;
      log.warn(
        { township: warning.townshipId, warning: warning.id },
        'bureau warning: township has no caseworker',
      );
      continue;
    }
    const days = workingDaysBetween(calendar, today, toLocalDate(warning.dueOn)).days;
    summary.queued += await queueAlert(
      db,
      {
        key: `bureau-warning:${warning.id}:${warning.dueOn}:${band.overdue ? 'overdue' : band.days}`,
        caseId: warning.caseId,
        kind: band.overdue ? 'bureau-warning-overdue' : 'bureau-warning',
        recipients: caseworkers,
        render: () =>
          deps.templates.render('staff.alerts.bureau-warning', {
            township: labels.township(warning.townshipId),
            warningId: warning.id,
            caseId: warning.caseId ?? '',
            reason: warning.reason,
            dueOn: warning.dueOn,
            overdue: band.overdue,
            daysOverdue: -days,
            dueToday: warning.dueOn === today,
            daysLeft: days,
          }),
      },
      now,
    );
  }
  if (summary.queued > 0) deps.onQueued?.();
  return summary;
}

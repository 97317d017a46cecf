import type { AlertJobDeps } from '../core/alerting/alert-deps';
import { dailyAt, type ScheduledJob } from '../core/scheduling/job-types';
import type { WecomApiClient } from '../core/wecom/api/wecom-api-client';
import { DAILY_DIGEST_JOB, runDailyDigest } from '../features/alerts/daily-digest';
import { DEADLINE_ALERTS_JOB, runDeadlineAlerts } from '../features/alerts/deadline-alerts';
import { BUREAU_WARNING_ALERTS_JOB, runBureauWarningAlerts } from '../features/bureau/bureau-warning-alerts';
import { monthlyReportJob } from '../features/bureau/monthly-report';
import { queueMonthlyReport } from '../features/bureau/monthly-report-outbox';
import { MEETING_REMINDERS_JOB, runMeetingReminders } from '../features/meetings/meeting-reminders';

export type { AlertJobDeps } from '../core/alerting/alert-deps';

/**
 * The deadline and reminder jobs, for `startScheduler` (src/core/scheduling/scheduler.ts). Times are
 * Asia/Shanghai. The digest comes first in the morning, the single alerts after it; jobs that
 * follow working days fire daily and skip non-working days themselves, because make-up working
 * weekends (调休) are not expressible in cron.
 */
export function alertJobs(deps: AlertJobDeps): ScheduledJob[] {
  return [
    { name: DAILY_DIGEST_JOB, ...dailyAt(8, 30), run: (now) => runDailyDigest(now, deps) },
    { name: DEADLINE_ALERTS_JOB, ...dailyAt(9, 0), run: (now) => runDeadlineAlerts(now, deps) },
    { name: BUREAU_WARNING_ALERTS_JOB, ...dailyAt(9, 10), run: (now) => runBureauWarningAlerts(now, deps) },
    { name: MEETING_REMINDERS_JOB, ...dailyAt(16, 0), run: (now) => runMeetingReminders(now, deps) },
  ];
}

/** Every job the product schedules: the alert jobs above and the monthly report to the bureau. */
export function productJobs(deps: AlertJobDeps & { dataDir: string; api: WecomApiClient }): ScheduledJob[] {
  return [
    ...alertJobs(deps),
    monthlyReportJob({
      db: deps.db,
      dataDir: deps.dataDir,
      templates: deps.templates,
      townships: deps.townships ?? [],
      api: deps.api,
      queueFile: queueMonthlyReport,
    }),
  ];
}

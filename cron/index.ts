import { dailyAt, type ScheduledJob } from '../src/scheduling/job-types';
import type { AlertJobDeps } from './alert-deps';
import { BUREAU_WARNING_ALERTS_JOB, runBureauWarningAlerts } from './bureau-warning-alerts';
import { DAILY_DIGEST_JOB, runDailyDigest } from './daily-digest';
import { DEADLINE_ALERTS_JOB, runDeadlineAlerts } from './deadline-alerts';
import { MEETING_REMINDERS_JOB, runMeetingReminders } from './meeting-reminders';

export type { AlertJobDeps } from './alert-deps';

/**
 * The deadline and reminder jobs, for `startScheduler` (src/scheduling/scheduler.ts). Times are
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

import { addCalendarDays, shanghaiDate } from '../../domain/calendar';

/** What a run reports: counts and short reasons only (stored in `cron_runs.summary`, never PII). */
export type JobSummary = Record<string, number | string | boolean>;

/**
 * A scheduled job as the scheduler sees it: a name, when node-cron fires it (Asia/Shanghai), how a
 * moment maps to the tick it belongs to, and the run itself. `run` must be idempotent: a tick may
 * run again after a crash or a failure, and each job keeps its own once-only keys.
 */
export interface ScheduledJob {
  readonly name: string;
  /** node-cron expression, evaluated in Asia/Shanghai. */
  readonly cron: string;
  /**
   * The latest tick due at or before `at` (e.g. `2026-11-05` for a daily job), or undefined when
   * none is due yet. The same function names the tick node-cron fires and the one catch-up runs.
   */
  tick(at: Date): string | undefined;
  run(now: Date): Promise<JobSummary>;
}

/** The time zone every job is scheduled in: the townships' day. */
export const SCHEDULER_TIME_ZONE = 'Asia/Shanghai';

const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/**
 * A daily schedule at a Shanghai wall-clock time: the node-cron expression and the tick function
 * (the Shanghai date of the latest firing at or before a moment). China has no daylight saving,
 * so a fixed offset is exact.
 */
export function dailyAt(hour: number, minute: number): Pick<ScheduledJob, 'cron' | 'tick'> {
  if (
    !Number.isInteger(hour) ||
    hour < 0 ||
    hour > 23 ||
    !Number.isInteger(minute) ||
    minute < 0 ||
    minute > 59
  )
    throw new RangeError(`not a time of day: ${hour}:${minute}`);
  const at = hour * 60 + minute;
  return {
    cron: `${minute} ${hour} * * *`,
    tick(moment: Date) {
      const today = shanghaiDate(moment);
      const minutesOfDay = Math.floor(moment.getTime() / 60_000 + SHANGHAI_OFFSET_MINUTES) % (24 * 60);
      return minutesOfDay >= at ? today : addCalendarDays(today, -1);
    },
  };
}

import { type ScheduledTask, schedule, validate } from 'node-cron';
import type { Db } from '../db/database';
import { describeError } from '../log/describe-error';
import type { Logger } from '../log/logger';
import { JobRunner, type TickOutcome } from './job-runner';
import { SCHEDULER_TIME_ZONE, type ScheduledJob } from './job-types';

export interface SchedulerOptions {
  db: Db;
  log: Logger;
  now: () => Date;
  jobs: readonly ScheduledJob[];
  /**
   * node-cron expression of the sweep that runs {@link RunningScheduler.runDue} again (a failed
   * tick retried, an abandoned one taken over, a firing the process slept through); `false`: none.
   */
  sweepCron?: string | false;
  /** See {@link JobRunner}: when a `running` row counts as abandoned. */
  staleAfterMs?: number;
}

export interface RunningScheduler {
  /** The latest due tick of each job, run unless done: the catch-up done at start, callable any time. */
  runDue(now: Date): Promise<TickOutcome[]>;
  /** The start-up catch-up; resolves with its outcomes (empty if the database failed, which is logged). */
  readonly caughtUp: Promise<TickOutcome[]>;
  /** Stops firing and waits for runs in progress. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_SWEEP = '*/10 * * * *';

/**
 * Starts the scheduled jobs: one node-cron task per job (Asia/Shanghai), each firing running its
 * tick through the {@link JobRunner} (once across instances), a catch-up at once for ticks missed
 * while the server was down, and a sweep that repeats the catch-up every ten minutes.
 */
export function startScheduler(options: SchedulerOptions): RunningScheduler {
  const { log, now, jobs } = options;
  for (const job of jobs) {
    if (!validate(job.cron)) throw new RangeError(`job ${job.name}: invalid cron expression ${job.cron}`);
  }
  const runner = new JobRunner({ db: options.db, log, now, staleAfterMs: options.staleAfterMs });
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const track = <T>(work: Promise<T>, fallback: T, what: string): Promise<T> => {
    const guarded = work.catch((error: unknown) => {
      log.error({ err: describeError(error), what }, 'scheduler could not run');
      return fallback;
    });
    inFlight.add(guarded);
    void guarded.finally(() => inFlight.delete(guarded));
    return guarded;
  };
  const runDue = (at: Date) => runner.catchUp(jobs, at);

  const cronLogger = {
    info: (message: string) => log.debug({ source: 'node-cron' }, message),
    debug: (message: string | Error) => log.debug({ source: 'node-cron' }, String(message)),
    warn: (message: string) => log.warn({ source: 'node-cron' }, message),
    error: (message: string | Error, error?: Error) =>
      log.error({ source: 'node-cron', err: error && describeError(error) }, String(message)),
  };
  const taskOptions = { timezone: SCHEDULER_TIME_ZONE, noOverlap: true, logger: cronLogger };
  const tasks: ScheduledTask[] = jobs.map((job) =>
    schedule(
      job.cron,
      async (context) => {
        if (stopped) return;
        const tick = job.tick(context.date);
        if (tick !== undefined) await track(runner.runTick(job, tick, now()), undefined, job.name);
      },
      { ...taskOptions, name: job.name },
    ),
  );
  const sweep = options.sweepCron ?? DEFAULT_SWEEP;
  if (sweep !== false) {
    tasks.push(
      schedule(
        sweep,
        async () => {
          if (!stopped) await track(runDue(now()), [], 'sweep');
        },
        { ...taskOptions, name: 'scheduler-sweep' },
      ),
    );
  }
  const caughtUp = track(runDue(now()), [], 'catch-up');
  log.info({ jobs: jobs.map((j) => `${j.name} ${j.cron}`) }, 'scheduler started');

  let stopping: Promise<void> | undefined;
  return {
    runDue,
    caughtUp,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        for (const task of tasks) await task.destroy();
        await Promise.allSettled([...inFlight]);
      })();
      return stopping;
    },
  };
}

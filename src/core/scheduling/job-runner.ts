import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cronRuns } from '../db/schema';
import { describeError } from '../log/describe-error';
import type { Logger } from '../log/logger';
import type { JobSummary, ScheduledJob } from './job-types';

/** What happened to one tick of one job. */
export type TickOutcome =
  | { job: string; tick: string; status: 'done'; summary: JobSummary }
  | { job: string; tick: string; status: 'failed'; error: string }
  | { job: string; tick: string; status: 'skipped'; reason: 'already-done' | 'running-elsewhere' };

export interface JobRunnerDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  /**
   * A `running` row older than this belongs to an instance that died mid-run and is taken over.
   * Runs are idempotent, so taking over too early costs work, never a duplicate message.
   */
  staleAfterMs?: number;
}

const DEFAULT_STALE_AFTER_MS = 10 * 60_000;

/**
 * Runs ticks of scheduled jobs at most once across instances. The claim is one short transaction
 * under a transaction-scoped advisory lock on the job: read the tick's `cron_runs` row, and unless
 * it is done or freshly running elsewhere, mark it running. The job then runs outside that
 * transaction (its own writes are short and once-only by key), and the row is closed as done or
 * failed. A failed or abandoned tick can be run again; a done one never is.
 */
export class JobRunner {
  private readonly staleAfterMs: number;

  constructor(private readonly deps: JobRunnerDeps) {
    this.staleAfterMs = deps.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  /** Runs `tick` of `job` at `now` unless it is done or another instance is running it. */
  async runTick(job: ScheduledJob, tick: string, now: Date = this.deps.now()): Promise<TickOutcome> {
    const { log } = this.deps;
    const startedAt = now;
    const claim = await this.claim(job.name, tick, startedAt);
    if (claim !== 'claimed') return { job: job.name, tick, status: 'skipped', reason: claim };
    try {
      const summary = await job.run(startedAt);
      await this.finish(job.name, tick, startedAt, { status: 'done', summary });
      log.info({ job: job.name, tick, summary }, 'scheduled job done');
      return { job: job.name, tick, status: 'done', summary };
    } catch (error) {
      const message = describeError(error);
      await this.finish(job.name, tick, startedAt, { status: 'failed', error: message }).catch(
        (finishError: unknown) =>
          log.error({ job: job.name, tick, err: describeError(finishError) }, 'could not record failed run'),
      );
      log.error({ job: job.name, tick, err: message }, 'scheduled job failed');
      return { job: job.name, tick, status: 'failed', error: message };
    }
  }

  /**
   * Catch-up: for each job, the latest tick due at `now` runs unless it is done (or running
   * elsewhere). At start this runs a tick missed while the server was down; later it retries a
   * failed or abandoned one. Jobs run one after another, keeping the database load flat.
   */
  async catchUp(jobs: readonly ScheduledJob[], now: Date): Promise<TickOutcome[]> {
    const outcomes: TickOutcome[] = [];
    for (const job of jobs) {
      const tick = job.tick(now);
      if (tick !== undefined) outcomes.push(await this.runTick(job, tick, now));
    }
    return outcomes;
  }

  private async claim(
    job: string,
    tick: string,
    now: Date,
  ): Promise<'claimed' | 'already-done' | 'running-elsewhere'> {
    return this.deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`cron:${job}`}, 0))`);
      const [row] = await tx
        .select({ status: cronRuns.status, startedAt: cronRuns.startedAt })
        .from(cronRuns)
        .where(and(eq(cronRuns.job, job), eq(cronRuns.tick, tick)));
      if (row?.status === 'done') return 'already-done';
      if (row?.status === 'running' && now.getTime() - row.startedAt.getTime() < this.staleAfterMs)
        return 'running-elsewhere';
      const running = {
        status: 'running' as const,
        startedAt: now,
        finishedAt: null,
        summary: {},
        error: null,
      };
      await tx
        .insert(cronRuns)
        .values({ job, tick, ...running })
        .onConflictDoUpdate({ target: [cronRuns.job, cronRuns.tick], set: running });
      if (row) this.deps.log.warn({ job, tick, previous: row.status }, 'scheduled job tick run again');
      return 'claimed';
    });
  }

  /** Closes our claim; fenced on its start time, so a run taken over as stale cannot overwrite the newer one. */
  private async finish(
    job: string,
    tick: string,
    startedAt: Date,
    result: { status: 'done'; summary: JobSummary } | { status: 'failed'; error: string },
  ): Promise<void> {
    await this.deps.db
      .update(cronRuns)
      .set({
        status: result.status,
        finishedAt: this.deps.now(),
        summary: result.status === 'done' ? result.summary : {},
        error: result.status === 'failed' ? result.error : null,
      })
      .where(
        and(
          eq(cronRuns.job, job),
          eq(cronRuns.tick, tick),
          eq(cronRuns.status, 'running'),
          eq(cronRuns.startedAt, startedAt),
        ),
      );
  }
}

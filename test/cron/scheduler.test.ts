import { and, eq } from 'drizzle-orm';
import { alertJobs } from '../../src/app/scheduled-jobs';
import type { Database } from '../../src/core/db/database';
import { cronRuns } from '../../src/core/db/schema';
import { JobRunner } from '../../src/core/scheduling/job-runner';
import { dailyAt } from '../../src/core/scheduling/job-types';
import { startScheduler } from '../../src/core/scheduling/scheduler';
import { captureLogs } from '../support/log-capture';
import { openTestDatabase } from '../support/test-database';
import { acceptedCase, addStaff, alertDeps, secondConnection, sentAlerts, shanghai } from './cron-fixtures';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let other: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  other = await secondConnection(database);
});
afterAll(async () => {
  if (other !== database) await other.close();
  await database.dispose();
});

/** A job that counts its runs; optionally slow, optionally failing while `fail()` says so. */
function countingJob(
  name: string,
  options: { delayMs?: number; fail?: () => boolean; at?: [number, number] } = {},
) {
  const job = {
    name,
    ...dailyAt(...(options.at ?? [9, 0])),
    runs: 0,
    async run() {
      job.runs += 1;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.fail?.()) throw new Error('the job broke for ID 220282198001011231');
      return { ran: job.runs };
    },
  };
  return job;
}

const runner = (db: Database, staleAfterMs?: number) =>
  new JobRunner({ db: db.db, log: captureLogs().log, now: () => new Date(), staleAfterMs });
const runRow = async (job: string, tick: string) =>
  (
    await database.db
      .select()
      .from(cronRuns)
      .where(and(eq(cronRuns.job, job), eq(cronRuns.tick, tick)))
  )[0];

describe('dailyAt', () => {
  const { cron, tick } = dailyAt(8, 30);
  it('fires at 08:30 Shanghai and names a tick by its Shanghai date', () => {
    expect(cron).toBe('30 8 * * *');
    expect(tick(shanghai('2026-11-05', '08:30'))).toBe('2026-11-05');
    expect(tick(shanghai('2026-11-05', '08:29'))).toBe('2026-11-04');
    expect(tick(shanghai('2026-11-05', '23:59'))).toBe('2026-11-05');
    // 00:10 in Shanghai is still the previous day in UTC.
    expect(tick(shanghai('2026-11-05', '00:10'))).toBe('2026-11-04');
    expect(tick(new Date('2026-11-05T00:30:00Z'))).toBe('2026-11-05');
  });
});

describe('job runner', () => {
  it('runs a tick once when two instances run it at the same moment', async () => {
    const job = countingJob('concurrent', { delayMs: 150 });
    const outcomes = await Promise.all([
      runner(database).runTick(job, '2026-11-05'),
      runner(other).runTick(job, '2026-11-05'),
    ]);
    expect(job.runs).toBe(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['done', 'skipped']);
    expect(outcomes.find((o) => o.status === 'skipped')).toMatchObject({ reason: 'running-elsewhere' });
    expect(await runRow('concurrent', '2026-11-05')).toMatchObject({ status: 'done', summary: { ran: 1 } });
  });

  it('never runs a done tick again; the next tick runs', async () => {
    const job = countingJob('daily');
    expect(await runner(database).runTick(job, '2026-11-05')).toMatchObject({ status: 'done' });
    expect(await runner(other).runTick(job, '2026-11-05')).toMatchObject({
      status: 'skipped',
      reason: 'already-done',
    });
    expect(await runner(other).runTick(job, '2026-11-06')).toMatchObject({ status: 'done' });
    expect(job.runs).toBe(2);
  });

  it('records a failed tick (identifiers masked) and runs it again', async () => {
    let broken = true;
    const job = countingJob('flaky', { fail: () => broken });
    const logs = captureLogs();
    const first = await new JobRunner({ db: database.db, log: logs.log, now: () => new Date() }).runTick(
      job,
      '2026-11-05',
    );
    expect(first).toMatchObject({ status: 'failed' });
    const failed = await runRow('flaky', '2026-11-05');
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.error).toContain('the job broke');
    expect(failed?.error).not.toContain('220282198001011231');
    expect(logs.text()).not.toContain('220282198001011231');
    broken = false;
    expect(await runner(database).runTick(job, '2026-11-05')).toMatchObject({ status: 'done' });
    expect(await runRow('flaky', '2026-11-05')).toMatchObject({ status: 'done', error: null });
  });

  it('takes over the tick of an instance that died mid-run once the claim is stale, not before', async () => {
    const job = countingJob('orphaned');
    const claim = async (minutesAgo: number) =>
      database.db.insert(cronRuns).values({
        job: 'orphaned',
        tick: `t-${minutesAgo}`,
        status: 'running',
        startedAt: new Date(Date.now() - minutesAgo * 60_000),
      });
    await claim(1);
    await claim(30);
    expect(await runner(database, 10 * 60_000).runTick(job, 't-1')).toMatchObject({
      status: 'skipped',
      reason: 'running-elsewhere',
    });
    expect(await runner(database, 10 * 60_000).runTick(job, 't-30')).toMatchObject({ status: 'done' });
    expect(job.runs).toBe(1);
  });
});

describe('scheduler', () => {
  it('catches up the latest missed tick of each job at start, once, and not again after a restart', async () => {
    const morning = countingJob('morning');
    const evening = countingJob('evening', { at: [16, 0] });
    // Yesterday's ticks ran; the server was down at 09:00 today and starts at 11:00.
    for (const job of ['morning', 'evening'])
      await database.db
        .insert(cronRuns)
        .values({ job, tick: '2026-11-04', status: 'done', startedAt: shanghai('2026-11-04', '09:00') });
    const start = (db: Database) =>
      startScheduler({
        db: db.db,
        log: captureLogs().log,
        now: () => shanghai('2026-11-05', '11:00'),
        jobs: [morning, evening],
        sweepCron: false,
      });
    const first = start(database);
    expect(await first.caughtUp).toEqual([
      { job: 'morning', tick: '2026-11-05', status: 'done', summary: { ran: 1 } },
      { job: 'evening', tick: '2026-11-04', status: 'skipped', reason: 'already-done' },
    ]);
    await first.stop();
    const again = start(other);
    expect((await again.caughtUp).map((o) => o.status)).toEqual(['skipped', 'skipped']);
    expect(await again.runDue(shanghai('2026-11-05', '16:05'))).toMatchObject([
      { job: 'morning', status: 'skipped' },
      { job: 'evening', tick: '2026-11-05', status: 'done' },
    ]);
    await again.stop();
    expect([morning.runs, evening.runs]).toEqual([1, 1]);
  });

  it('with the alert jobs: a 09:00 sweep missed while down is caught up at start, its alerts once', async () => {
    await addStaff(database.db, [
      { userId: 'cw-pingan', name: 'A', role: 'township_caseworker', townshipId: 'pingan' },
    ]);
    await acceptedCase(database.db, 'C-S', 'pingan', shanghai('2026-09-25', '10:00'));
    const logs = captureLogs();
    const deps = alertDeps(database.db, { log: logs.log });
    const now = shanghai('2026-11-05', '10:30');
    const first = startScheduler({
      db: database.db,
      log: logs.log,
      now: () => now,
      jobs: alertJobs(deps),
      sweepCron: false,
    });
    const outcomes = await first.caughtUp;
    await first.stop();
    expect(outcomes.map((o) => `${o.job} ${o.tick} ${o.status}`)).toEqual([
      'daily-digest 2026-11-05 done',
      'deadline-alerts 2026-11-05 done',
      'bureau-warning-alerts 2026-11-05 done',
      'meeting-reminders 2026-11-04 done',
    ]);
    const keys = async () => (await sentAlerts(database.db)).map((r) => `${r.recipient} ${r.key}`);
    expect(await keys()).toEqual([
      'cw-pingan digest:2026-11-05',
      'cw-pingan overdue:investigation.C-S:2026-09-30',
      'cw-pingan warn:decision.C-S:2026-11-12:5',
    ]);
    const restarted = startScheduler({
      db: other.db,
      log: logs.log,
      now: () => now,
      jobs: alertJobs(alertDeps(other.db, { log: logs.log })),
      sweepCron: false,
    });
    expect((await restarted.caughtUp).every((o) => o.status === 'skipped')).toBe(true);
    await restarted.stop();
    expect(await keys()).toHaveLength(3);
    expect(logs.text()).not.toMatch(/\d{17}[\dXx]/);
    expect(logs.text()).not.toContain('赵六');
  });
});

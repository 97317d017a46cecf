/**
 * The deadline sweep of the alert job (src/features/alerts/deadline-alerts.ts) over 100,000 open cases on the
 * PostgreSQL server: date boundaries computed once with the holiday calendar, then one range
 * query on the partial index of open timers joined to the cases — next to a plain indexed
 * count(*) over the same range as the floor. Runs in a fresh schema, dropped afterwards.
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); BENCH_SCAN_CASES to change the size.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Pool } from 'pg';
import { loadWorkingDayCalendar } from '../../src/core/config/load-holiday-overrides';
import { openPostgres } from '../../src/core/db/open-postgres';
import { queryRows } from '../../src/core/db/raw-query';
import { projectRoot } from '../../src/core/project-root';
import { addCalendarDays, addWorkingDays, subtractWorkingDays, toLocalDate } from '../../src/domain/calendar';
import { deadlineSweepLimits } from '../../src/features/alerts/deadline-alerts';
import { scanDueTimers } from '../../src/features/alerts/deadline-scan';

const CASES = Number(process.env.BENCH_SCAN_CASES ?? 100_000);
const RUNS = 9;
/** Cases were accepted on one of the last SPREAD working days: about 3 in 33 are past their decision date. */
const SPREAD = 33;
const TOWNSHIPS = 19;

export async function benchDeadlineScan(): Promise<string[]> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_scan_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: url, max: 1 });
  await admin.query(`create schema ${schema}`);
  const database = await openPostgres({ url, searchPath: schema, poolSize: 2 });
  try {
    await database.migrate();
    const calendar = loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays'));
    const today = toLocalDate(process.env.BENCH_TODAY ?? '2026-11-05');
    const seeded = await seed(url, schema, calendar, today);

    const limits = () => deadlineSweepLimits(calendar, today).sweep;
    const scan = await timed(async () => (await scanDueTimers(database.db, limits())).length);
    const { horizon } = limits();
    const floor = await timed(async () => {
      const [row] = await queryRows<{ n: string }>(
        database.db,
        sql`select count(*) as n from due_timers where status = 'open' and due_on < ${horizon}`,
      );
      return Number(row?.n ?? 0);
    });
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      database.db,
      sql`explain select t.id from due_timers t join cases c on c.id = t.case_id
          where t.status = 'open' and t.due_on < ${horizon}`,
    );
    const planLines = plan
      .map((r) => r['QUERY PLAN'].trim())
      .filter((l) => /Scan|Join|Hash|Loop/.test(l))
      .map((l) => l.replace(/\s+\(cost=.*$/, ''));
    return [
      `deadline scan — ${CASES.toLocaleString('en')} open cases on ${TOWNSHIPS} townships, PostgreSQL (${new URL(url).host}), today ${today}, sweep horizon ${horizon} (5 working days) and everything past`,
      `seeded ${seeded.cases.toLocaleString('en')} cases and ${seeded.timers.toLocaleString('en')} timers (${seeded.open.toLocaleString('en')} open) in ${seeded.seconds.toFixed(1)} s`,
      `alert-job scan (calendar boundaries + one range query on due_timers_open_idx, joined to cases): median ${scan.median.toFixed(1)} ms, slowest ${scan.max.toFixed(1)} ms of ${RUNS}, ${scan.result.toLocaleString('en')} timers returned (goal < 1000 ms)`,
      `plain indexed count(*) of open timers due before the horizon (the same index range): median ${floor.median.toFixed(1)} ms, slowest ${floor.max.toFixed(1)} ms, count ${floor.result.toLocaleString('en')}`,
      `plan: ${planLines.join(' / ')}`,
    ];
  } finally {
    await database.close().catch(() => {});
    await admin.query(
      `drop schema if exists ${schema} cascade; drop schema if exists ${schema}_drizzle cascade`,
    );
    await admin.end();
  }
}

/** Median and slowest of RUNS timed calls after one warm-up. */
async function timed(run: () => Promise<number>) {
  let result = await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(RUNS / 2)]!, max: times[RUNS - 1]!, result };
}

/**
 * Seeds in bulk with generate_series. Case i was accepted k = (i·7919 mod SPREAD) working days ago:
 * a decision deadline 30 working days on (open), the investigation start 3 working days on (open
 * only while not yet due), the 20-day target for 低保 and 特困 (open), and every 20th case in
 * publicity ending within the week.
 */
async function seed(
  url: string,
  schema: string,
  calendar: ReturnType<typeof loadWorkingDayCalendar>,
  today: ReturnType<typeof toLocalDate>,
) {
  const started = performance.now();
  const accepted = Array.from({ length: SPREAD }, (_, k) => subtractWorkingDays(calendar, today, k).date);
  const due = (days: number) => accepted.map((d) => addWorkingDays(calendar, d, days).date);
  const publicity = Array.from({ length: 8 }, (_, d) => addCalendarDays(today, d));
  const pool = new Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  try {
    const caseRows = `select i, 'B' || lpad(i::text, 7, '0') as id, (i * 7919) % ${SPREAD} as k from generate_series(0, $1::int - 1) i`;
    await pool.query(
      `insert into cases (id, program, business_type, township_id, state, submitted_by, applicant_name,
         applicant_id_sealed, applicant_id_hash, household_size, accepted_on, created_at, updated_at)
       select id, (array['dibao','tekun','linshi'])[1 + i % 3], 'new', 't' || (i % ${TOWNSHIPS}), 'accepted', 'self',
         'bench', 'sealed', md5(id), 1, ($2::text[])[1 + k], now(), now()
       from (${caseRows}) s`,
      [CASES, accepted],
    );
    const timer = (kind: string, dates: string, status: string, where = 'true') =>
      `insert into due_timers (id, case_id, township_id, kind, due_on, warn_on, provisional, calendar_version, spec, status, updated_at)
       select '${kind}.' || id, id, 't' || (i % ${TOWNSHIPS}), '${kind}', ${dates}, '[]'::jsonb, false, 'bench', '{}'::jsonb, ${status}, now()
       from (${caseRows}) s where ${where}`;
    await pool.query(timer('decision', '($2::text[])[1 + k]', `'open'`), [CASES, due(30)]);
    await pool.query(
      timer(
        'investigation',
        '($2::text[])[1 + k]',
        `case when ($2::text[])[1 + k] >= $3 then 'open' else 'done' end`,
      ),
      [CASES, due(3), today],
    );
    await pool.query(timer('target20', '($2::text[])[1 + k]', `'open'`, 'i % 3 <> 2'), [CASES, due(20)]);
    await pool.query(timer('publicity', '($2::text[])[1 + i % 8]', `'open'`, 'i % 20 = 0'), [
      CASES,
      publicity,
    ]);
    await pool.query('vacuum analyze cases, due_timers');
    const counts = await pool.query<{ timers: string; open: string }>(
      `select count(*) as timers, count(*) filter (where status = 'open') as open from due_timers`,
    );
    return {
      cases: CASES,
      timers: Number(counts.rows[0]!.timers),
      open: Number(counts.rows[0]!.open),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await pool.end();
  }
}

import { alertJobs } from '../../src/app/scheduled-jobs';
import type { Database } from '../../src/core/db/database';
import { JobRunner } from '../../src/core/scheduling/job-runner';
import { runDeadlineAlerts } from '../../src/features/alerts/deadline-alerts';
import { captureLogs } from '../support/log-capture';
import { openTestDatabase } from '../support/test-database';
import {
  acceptedCase,
  addStaff,
  alertDeps,
  everyDay,
  outboxRows,
  secondConnection,
  sentAlerts,
  shanghai,
  step,
  textOf,
} from './cron-fixtures';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let other: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  other = await secondConnection(database);
  await addStaff(database.db, [
    { userId: 'cw-pingan-1', name: 'A1', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'cw-pingan-2', name: 'A2', role: 'township_caseworker', townshipId: 'pingan' },
    {
      userId: 'lead-pingan',
      name: 'L',
      role: 'coordination_member',
      townshipId: 'pingan',
      position: '民政分管领导',
    },
    {
      userId: 'member-pingan',
      name: 'M',
      role: 'coordination_member',
      townshipId: 'pingan',
      position: '纪委书记',
    },
    { userId: 'cw-fate', name: 'B1', role: 'township_caseworker', townshipId: 'fate' },
    {
      userId: 'member-fate-1',
      name: 'F1',
      role: 'coordination_member',
      townshipId: 'fate',
      position: '纪委书记',
    },
    { userId: 'member-fate-2', name: 'F2', role: 'coordination_member', townshipId: 'fate' },
    { userId: 'supervisor', name: 'S', role: 'bureau_supervisor' },
  ]);
  // Accepted on 2026-09-25 (Mid-Autumn, a holiday): investigation due 09-30, the 20-day target
  // 10-29, the decision 11-12 (warning points 11-05, 11-09, 11-11), across National Day.
  await acceptedCase(database.db, 'C-A', 'pingan', shanghai('2026-09-25', '10:00'), { name: '赵六' });
  await acceptedCase(database.db, 'C-H', 'pingan', shanghai('2026-09-25', '10:00'), {
    name: '孙八',
    hivTagged: true,
  });
});
afterAll(async () => {
  if (other !== database) await other.close();
  await database.dispose();
});

/** Two independent runner instances, each with its own connection and job set, as two servers. */
function instance(database: Database) {
  const job = alertJobs(alertDeps(database.db)).find((j) => j.name === 'deadline-alerts')!;
  return { job, runner: new JobRunner({ db: database.db, log: captureLogs().log, now: () => new Date() }) };
}

describe('deadline alerts of cases left alone', () => {
  it('every day from acceptance past the decision deadline, each tick twice and by two instances at once', async () => {
    const [a, b] = [instance(database), instance(other)];
    for (const day of everyDay('2026-09-25', '2026-11-24')) {
      // Township B's case is accepted on 2026-10-12 at 08:00, before that day's sweep.
      if (day === '2026-10-12')
        await acceptedCase(database.db, 'C-B', 'fate', shanghai(day, '08:00'), { name: '钱七' });
      const at = shanghai(day);
      const tick = a.job.tick(at)!;
      expect(tick).toBe(day);
      const both = await Promise.all([a.runner.runTick(a.job, tick, at), b.runner.runTick(b.job, tick, at)]);
      expect(both.filter((o) => o.status === 'done')).toHaveLength(1);
      // The same day again (a restart, the sweep): the tick is done.
      expect(await b.runner.runTick(b.job, tick, at)).toMatchObject({
        status: 'skipped',
        reason: 'already-done',
      });
      // And the job itself run again, bypassing the runner, twice at once: no alert twice.
      await Promise.all([
        runDeadlineAlerts(at, alertDeps(database.db)),
        runDeadlineAlerts(at, alertDeps(other.db)),
      ]);
    }
    const alerts = await sentAlerts(database.db);
    const seen = (recipient: string) =>
      alerts
        .filter((r) => r.recipient === recipient)
        .map((r) => `${r.createdAt.toISOString().slice(0, 10)} ${r.key}`);

    const caseA = [
      '2026-09-28 warn:investigation.C-A:2026-09-30:3',
      '2026-09-29 warn:investigation.C-A:2026-09-30:1',
      '2026-10-08 overdue:investigation.C-A:2026-09-30',
      '2026-10-26 target:target20.C-A:2026-10-29',
      '2026-11-05 warn:decision.C-A:2026-11-12:5',
      '2026-11-09 warn:decision.C-A:2026-11-12:3',
      '2026-11-11 warn:decision.C-A:2026-11-12:1',
      '2026-11-13 overdue:decision.C-A:2026-11-12',
    ];
    // The alert dates of the decision deadline are the timer's own warning points (domain rules).
    // The HIV-tagged case C-H has the same timers and gets no township alert at all.
    expect(seen('cw-pingan-1')).toEqual(caseA);
    expect(seen('cw-pingan-2')).toEqual(seen('cw-pingan-1'));
    // Escalation of the overdue legal deadlines: the 民政分管领导 only, and the bureau.
    const escalated = [
      '2026-10-08 overdue:investigation.C-A:2026-09-30',
      '2026-11-13 overdue:decision.C-A:2026-11-12',
    ];
    expect(seen('lead-pingan')).toEqual(escalated);
    expect(seen('member-pingan')).toEqual([]);
    // Township B: accepted 2026-10-12, investigation due 10-15 (3 working days: its first alert is
    // the 3-day one, on the day of acceptance), decision due 11-23; no 民政分管领导, so all members.
    const caseB = [
      '2026-10-12 warn:investigation.C-B:2026-10-15:3',
      '2026-10-14 warn:investigation.C-B:2026-10-15:1',
      '2026-10-16 overdue:investigation.C-B:2026-10-15',
      '2026-11-04 target:target20.C-B:2026-11-09',
      '2026-11-16 warn:decision.C-B:2026-11-23:5',
      '2026-11-18 warn:decision.C-B:2026-11-23:3',
      '2026-11-20 warn:decision.C-B:2026-11-23:1',
      '2026-11-24 overdue:decision.C-B:2026-11-23',
    ];
    expect(seen('cw-fate')).toEqual(caseB);
    const escalatedB = caseB.filter((line) => line.includes(' overdue:'));
    expect(seen('member-fate-1')).toEqual(escalatedB);
    expect(seen('member-fate-2')).toEqual(escalatedB);
    expect(seen('supervisor')).toEqual([...escalated, ...escalatedB].sort());

    // One outbox row per alert and recipient, on the app channel.
    const rows = await outboxRows(database.db);
    expect(rows).toHaveLength(alerts.length);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['app']));
  });

  it('a caseworker of one township never receives another township’s cases', async () => {
    const alerts = await sentAlerts(database.db);
    for (const r of alerts) {
      if (r.recipient.startsWith('cw-fate') || r.recipient.startsWith('member-fate'))
        expect(r.caseId).toBe('C-B');
      if (r.recipient.endsWith('-pingan') || r.recipient.startsWith('cw-pingan'))
        expect(r.caseId).not.toBe('C-B');
    }
  });

  it('texts: the deadline with its source, the internal target as not the legal deadline, no HIV case', async () => {
    const rows = await outboxRows(database.db);
    const to = (recipient: string) => rows.filter((r) => r.recipient === recipient).map(textOf);
    const warning = to('cw-pingan-1').find(
      (t) => t.includes('C-A') && t.includes('2026-11-12') && t.includes('还剩 5'),
    );
    expect(warning).toContain('平安镇');
    expect(warning).toContain('赵六');
    expect(warning).toContain('舒政办发〔2023〕9号');
    const target = to('cw-pingan-1').find((t) => t.includes('C-A') && t.includes('内部目标'));
    expect(target).toContain('不是法定时限');
    expect(target).not.toContain('逾期督办');
    const overdue = to('supervisor').find((t) => t.includes('decision') || t.includes('2026-11-12'));
    expect(overdue).toContain('已逾期 1 个工作日');
    for (const row of rows) {
      expect(textOf(row)).not.toContain('孙八');
      expect(textOf(row)).not.toContain('C-H');
      expect(textOf(row)).not.toMatch(/\d{17}[\dXx]/);
    }
    for (const row of rows)
      expect(row.body).toMatchObject({ text: { templateId: expect.stringMatching(/^staff\.alerts\./) } });
  });
});

describe('deadlines that move or are not deadlines', () => {
  const keysOf = async (caseId: string) =>
    (await sentAlerts(database.db))
      .filter((r) => r.caseId === caseId && r.recipient === 'cw-pingan-1')
      .map((r) => `${r.createdAt.toISOString().slice(0, 10)} ${r.key}`);

  it('an extended decision deadline warns again against its new date', async () => {
    await acceptedCase(database.db, 'C-X', 'pingan', shanghai('2026-09-25', '10:00'));
    await runDeadlineAlerts(shanghai('2026-11-05'), alertDeps(database.db));
    await step(
      database.db,
      'C-X',
      'pingan',
      { type: 'extend_deadline', reason: '需外地核对', totalWorkingDays: 45 },
      shanghai('2026-11-05', '10:00'),
    );
    for (const day of ['2026-11-06', '2026-11-13', '2026-11-26', '2026-11-27'])
      await runDeadlineAlerts(shanghai(day), alertDeps(database.db));
    expect((await keysOf('C-X')).filter((k) => k.includes('decision'))).toEqual([
      '2026-11-05 warn:decision.C-X:2026-11-12:5',
      '2026-11-26 warn:decision.C-X:2026-12-03:5',
    ]);
  });

  it('publicity gets one “publicity ends” notice, never an overdue escalation', async () => {
    const at = (day: string) => shanghai(day, '10:00');
    await acceptedCase(database.db, 'C-P', 'pingan', at('2026-10-12'));
    await step(
      database.db,
      'C-P',
      'pingan',
      { type: 'record_verification', summary: '核对无异常' },
      at('2026-10-13'),
    );
    await step(
      database.db,
      'C-P',
      'pingan',
      {
        type: 'record_home_visit',
        visit: {
          visitedOn: '2026-10-14',
          findings: '属实',
          staff: [
            { staffId: 's1', township: 'pingan', signed: true },
            { staffId: 's2', township: 'pingan', signed: true },
          ],
        },
      },
      at('2026-10-14'),
    );
    await step(database.db, 'C-P', 'pingan', { type: 'skip_appraisal', reason: '无争议' }, at('2026-10-15'));
    await step(
      database.db,
      'C-P',
      'pingan',
      { type: 'review_eligible', opinion: '符合', proposedAmountFen: 45_000 },
      at('2026-10-16'),
    );
    await step(
      database.db,
      'C-P',
      'pingan',
      { type: 'start_publicity', startsOn: '2026-10-19' },
      at('2026-10-19'),
    );
    for (const day of everyDay('2026-10-19', '2026-10-30'))
      await runDeadlineAlerts(shanghai(day), alertDeps(database.db));
    const publicity = (await keysOf('C-P')).filter((k) => k.includes('publicity'));
    // Publicity runs to 2026-10-26 (a Monday): announced on the last working day before it.
    expect(publicity).toEqual(['2026-10-23 publicity-ends:publicity.C-P:2026-10-26']);
    const rows = (await outboxRows(database.db)).filter(
      (r) => textOf(r).includes('C-P') && textOf(r).includes('公示期'),
    );
    expect(rows.map((r) => r.recipient).sort()).toEqual(['cw-pingan-1', 'cw-pingan-2']);
    expect(textOf(rows[0]!)).toContain('至 2026-10-26（含当日）届满，2026-10-27 起可记录公示结束');
    expect((await sentAlerts(database.db)).filter((r) => r.key.startsWith('overdue:publicity'))).toEqual([]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../src/core/db/database';
import { alertsSent, monthlyReports } from '../../src/core/db/schema';
import { saveStaff } from '../../src/core/staff/staff-directory';
import {
  COUNTED_EVENTS,
  computeMonthlyFigures,
  type TownshipFigures,
} from '../../src/features/bureau/monthly-figures';
import {
  generateMonthlyReport,
  MONTHLY_REPORT_SCHEDULE,
  type MonthlyReportMessage,
  MonthNotOverError,
  monthlyReportJob,
  runMonthlyReportJob,
} from '../../src/features/bureau/monthly-report';
import { monthWindow, previousMonth, toReportMonth } from '../../src/features/bureau/report-month';
import { openTestDatabase } from '../support/test-database';
import {
  at,
  decidedCase,
  idNumber,
  investigate,
  meeting,
  putInPayment,
  step,
  templates,
  townships,
} from './bureau-fixtures';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let dataDir: string;
const october = toReportMonth('2026-10');
const approve = (amountFen = 48_000) => ({ kind: 'approve' as const, amountFen });
let n = 0;
const id = () => idNumber(++n);

beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-report-'));
  const db = database.db;
  // 平安镇 (pingan)
  await decidedCase(
    db,
    { id: 'P1', township: 'pingan', idNumber: id() },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-20') },
    approve(),
  );
  // 23:30 on 31 October in Shanghai: October.
  await decidedCase(
    db,
    { id: 'P2', township: 'pingan', program: 'tekun', idNumber: id() },
    { acceptOn: '2026-10-12', publicityOn: '2026-10-12', decideAt: new Date('2026-10-31T15:30:00Z') },
    approve(60_000),
  );
  // 00:30 on 1 November in Shanghai: November, although still 31 October in UTC.
  await decidedCase(
    db,
    { id: 'P3', township: 'pingan', idNumber: id() },
    { acceptOn: '2026-10-15', publicityOn: '2026-10-15', decideAt: new Date('2026-10-31T16:30:00Z') },
    approve(),
  );
  await decidedCase(
    db,
    { id: 'P4', township: 'pingan', idNumber: id() },
    { acceptOn: '2026-10-08', publicityOn: '2026-10-08', decideAt: at('2026-10-19') },
    { kind: 'reject' },
  );
  await decidedCase(
    db,
    { id: 'P5', township: 'pingan', program: 'linshi', temporaryAidKind: 'emergency', idNumber: id() },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-19') },
    approve(80_000),
  );
  await decidedCase(
    db,
    { id: 'P6', township: 'pingan', program: 'linshi', temporaryAidKind: 'expenditure', idNumber: id() },
    { acceptOn: '2026-10-12', publicityOn: '2026-10-12', decideAt: at('2026-10-26') },
    approve(150_050),
  );
  // Accepted in August, never decided: past its deadline at the end of October.
  await investigate(
    db,
    { id: 'P7', township: 'pingan', idNumber: id() },
    { acceptOn: '2026-08-03' },
    'verified',
  );
  // Accepted in August, decided in October: late.
  await decidedCase(
    db,
    { id: 'P8', township: 'pingan', idNumber: id() },
    { acceptOn: '2026-08-10', publicityOn: '2026-10-09', decideAt: at('2026-10-20') },
    approve(),
  );
  await decidedCase(
    db,
    { id: 'P9', township: 'pingan', idNumber: id() },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-09') },
    { kind: 'ineligible' },
  );
  // 00:30 on 1 October in Shanghai: October, although 30 September in UTC.
  await decidedCase(
    db,
    { id: 'P10', township: 'pingan', idNumber: id() },
    { acceptOn: '2026-09-10', publicityOn: '2026-09-21', decideAt: new Date('2026-09-30T16:30:00Z') },
    approve(),
  );
  // 法特镇 (fate)
  await decidedCase(
    db,
    { id: 'F1', township: 'fate', businessType: 'adjust', idNumber: id() },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-22') },
    approve(30_000),
  );
  await decidedCase(
    db,
    { id: 'F2', township: 'fate', program: 'tekun', businessType: 'terminate', idNumber: id() },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-23') },
    approve(1),
  );
  await decidedCase(
    db,
    { id: 'F3', township: 'fate', program: 'linshi', temporaryAidKind: 'emergency', idNumber: id() },
    { acceptOn: '2026-09-01', publicityOn: '2026-09-01', decideAt: at('2026-09-15') },
    approve(50_000),
  );
  // Re-checked households: the meeting stops one and adjusts the other in October (七(一)).
  for (const [caseId, change] of [
    ['F4', 'stop'],
    ['F5', 'adjust'],
  ] as const) {
    await decidedCase(
      db,
      { id: caseId, township: 'fate', idNumber: id() },
      { acceptOn: '2026-08-20', publicityOn: '2026-09-01', decideAt: at('2026-09-10') },
      approve(),
    );
    await putInPayment(db, caseId);
    await step(db, caseId, 'fate', { type: 'start_recheck', reason: 'yearly' }, at('2026-10-12'));
    await step(
      db,
      caseId,
      'fate',
      { type: 'recheck_propose_change', change, findings: 'income' },
      at('2026-10-13'),
    );
    await step(
      db,
      caseId,
      'fate',
      change === 'stop'
        ? {
            type: 'decide_stop',
            meeting: meeting('2026-10-28'),
            lastMonth: '2026-10',
            reasons: ['income above'],
          }
        : {
            type: 'decide_adjust',
            meeting: meeting('2026-10-29'),
            amountFen: 20_000,
            startMonth: '2026-11',
            householdSize: 1,
            reasons: ['income changed'],
          },
      at(change === 'stop' ? '2026-10-28' : '2026-10-29'),
    );
  }
}, 120_000);

afterAll(async () => {
  await database.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const deps = () => ({ db: database.db as Db, dataDir, templates, townships });
const phrase = (key: string) => templates.phrase('bureau.monthly-report', key);

const PINGAN: TownshipFigures = {
  newApprovals: { dibao: 3, tekun: 1 },
  adjustments: 0,
  stops: 0,
  rejections: 2,
  temporaryAid: { count: 2, totalFen: 230_050 },
  overdue: { openAtMonthEnd: 1, decidedLate: 1 },
};
const FATE: TownshipFigures = {
  newApprovals: { dibao: 0, tekun: 0 },
  adjustments: 2,
  stops: 2,
  rejections: 0,
  temporaryAid: { count: 0, totalFen: 0 },
  overdue: { openAtMonthEnd: 0, decidedLate: 0 },
};

/** The summary sheet as { township name → { column header → value } }. */
async function readSummary(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(phrase('sheet.summary'))!;
  const texts = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
  const header = texts(3) as string[];
  const rows = new Map<string, Record<string, unknown>>();
  for (let r = 4; r <= sheet.rowCount; r++) {
    const values = texts(r);
    rows.set(String(values[0]), Object.fromEntries(header.map((h, i) => [h, values[i]])));
  }
  return {
    workbook,
    title: String(sheet.getCell(1, 1).value),
    stamp: String(sheet.getCell(2, 1).value),
    header,
    rows,
  };
}

function expectRow(row: Record<string, unknown> | undefined, f: TownshipFigures) {
  expect(row).toEqual(
    expect.objectContaining({
      [phrase('col.newDibao')]: f.newApprovals.dibao,
      [phrase('col.newTekun')]: f.newApprovals.tekun,
      [phrase('col.adjustments')]: f.adjustments,
      [phrase('col.stops')]: f.stops,
      [phrase('col.rejections')]: f.rejections,
      [phrase('col.temporaryAidCount')]: f.temporaryAid.count,
      [phrase('col.temporaryAidYuan')]: f.temporaryAid.totalFen / 100,
      [phrase('col.overdueOpen')]: f.overdue.openAtMonthEnd,
      [phrase('col.decidedLate')]: f.overdue.decidedLate,
    }),
  );
}

describe('monthly report (月报表)', () => {
  it('names every event it counts in the workbook (a 先行救助 month once failed on a missing phrase)', () => {
    const phrases = templates.phrases('bureau.monthly-report');
    for (const event of COUNTED_EVENTS) expect(phrases[`event.${event}`]).toBeTruthy();
  });

  it('counts each figure by the event time in Asia/Shanghai', async () => {
    const figures = await computeMonthlyFigures(database.db, october);
    expect(figures.byTownship.get('pingan')).toEqual(PINGAN);
    expect(figures.byTownship.get('fate')).toEqual(FATE);
    const counted = (figure: string) =>
      figures.lines
        .filter((l) => l.figure === figure)
        .map((l) => l.caseId)
        .sort();
    expect(counted('new_approval')).toEqual(['P1', 'P10', 'P2', 'P8']);
    expect(counted('rejection')).toEqual(['P4', 'P9']);
    expect(counted('adjustment')).toEqual(['F1', 'F5']);
    expect(counted('stop')).toEqual(['F2', 'F4']);
    expect(counted('overdue_open')).toEqual(['P7']);
    expect(counted('decided_late')).toEqual(['P8']);
    const november = await computeMonthlyFigures(database.db, toReportMonth('2026-11'));
    expect(november.lines.filter((l) => l.figure === 'new_approval').map((l) => l.caseId)).toEqual(['P3']);
    // P7 is still undecided: overdue again at the end of November.
    expect(november.byTownship.get('pingan')?.overdue).toEqual({ openAtMonthEnd: 1, decidedLate: 0 });
  });

  it('writes an .xlsx under DATA_DIR/reports/YYYY-MM with a row per township, totals, month, time and units', async () => {
    const now = new Date('2026-11-01T06:00:00+08:00');
    const report = await generateMonthlyReport(deps(), october, now);
    expect(report).toMatchObject({
      generated: true,
      storagePath: 'reports/2026-10/monthly-report-2026-10.xlsx',
    });
    const file = path.join(dataDir, report.storagePath);
    const { workbook, title, stamp, header, rows } = await readSummary(file);
    expect(title).toContain('2026');
    expect(stamp).toContain('2026-10-01');
    expect(stamp).toContain('2026-10-31');
    expect(stamp).toContain('2026-11-01 06:00');
    expect(header[0]).toBe(phrase('col.township'));
    expect(header).toContain(phrase('col.temporaryAidYuan'));
    expectRow(rows.get('平安镇'), PINGAN);
    expectRow(rows.get('法特镇'), FATE);
    expect(rows.size).toBe(townships.length + 1);
    expect(rows.get(phrase('row.total'))).toEqual(
      expect.objectContaining({
        [phrase('col.newDibao')]: 3,
        [phrase('col.stops')]: 2,
        [phrase('col.temporaryAidYuan')]: 2300.5,
      }),
    );
    const details = workbook.getWorksheet(phrase('sheet.details'))!;
    expect(details.rowCount).toBe(1 + 14);
    const notes = workbook.getWorksheet(phrase('sheet.notes'))!;
    const noteText = (notes.getColumn(1).values as unknown[]).join('\n');
    expect(noteText).toContain(phrase('note.time'));
    expect(noteText).toContain(phrase('note.overdueOpen'));
    expect(noteText).toContain('monthly-figures-2');

    const stored = await database.db.select().from(monthlyReports).where(eq(monthlyReports.month, '2026-10'));
    expect(stored).toHaveLength(townships.length);
    expect(stored.find((r) => r.townshipId === 'pingan')).toMatchObject({
      storagePath: report.storagePath,
      figures: { ...PINGAN, definitionsVersion: 'monthly-figures-2' },
    });
  });

  it('is generated once per month; regenerating rewrites in place', async () => {
    const again = await generateMonthlyReport(deps(), october, new Date('2026-11-02T00:00:00Z'));
    expect(again.generated).toBe(false);
    expect(again.byTownship.pingan).toMatchObject(PINGAN);
    const forced = await generateMonthlyReport(deps(), october, new Date('2026-11-03T00:00:00Z'), {
      regenerate: true,
    });
    expect(forced.generated).toBe(true);
    const stored = await database.db.select().from(monthlyReports).where(eq(monthlyReports.month, '2026-10'));
    expect(stored).toHaveLength(townships.length);
    expect(stored.every((r) => r.createdAt.toISOString() === '2026-11-03T00:00:00.000Z')).toBe(true);
  });

  it('the job on 1 November reports October, uploads it and queues it once to each active supervisor', async () => {
    const now = new Date('2026-11-01T06:00:00+08:00');
    expect(previousMonth(now)).toBe('2026-10');
    expect(MONTHLY_REPORT_SCHEDULE.cron).toBe('0 6 1 * *');
    expect(MONTHLY_REPORT_SCHEDULE.tick(now)).toBe('2026-11-01');
    expect(MONTHLY_REPORT_SCHEDULE.tick(new Date('2026-11-01T05:59:00+08:00'))).toBe('2026-10-01');
    expect(MONTHLY_REPORT_SCHEDULE.tick(new Date('2026-11-20T00:00:00+08:00'))).toBe('2026-11-01');
    for (const [userId, role] of [
      ['sup-2', 'bureau_supervisor'],
      ['sup-1', 'bureau_supervisor'],
      ['cw-x', 'township_caseworker'],
    ] as const) {
      await saveStaff(
        database.db,
        { userId, name: userId, role, townshipId: role === 'bureau_supervisor' ? undefined : 'pingan' },
        now,
      );
    }
    const uploads: { type: string; filename: string; bytes: number; contentType: string }[] = [];
    const queued: MonthlyReportMessage[] = [];
    const jobDeps = {
      ...deps(),
      api: {
        async uploadMedia(type: 'file', filename: string, bytes: Uint8Array, contentType: string) {
          uploads.push({ type, filename, bytes: bytes.length, contentType });
          return { media_id: `media-${uploads.length}` };
        },
      },
      async queueFile(_tx: Db, message: MonthlyReportMessage) {
        queued.push(message);
      },
    };
    const job = monthlyReportJob(jobDeps);
    expect(job.name).toBe('monthly-report');
    expect(await job.run(now)).toEqual({
      month: '2026-10',
      storagePath: 'reports/2026-10/monthly-report-2026-10.xlsx',
      generated: false,
      sent: 2,
    });
    expect(uploads).toEqual([
      {
        type: 'file',
        filename: `${phrase('file.prefix')}-2026-10.xlsx`,
        bytes: fs.statSync(path.join(dataDir, 'reports/2026-10/monthly-report-2026-10.xlsx')).size,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ]);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ month: '2026-10', mediaId: 'media-1', recipients: ['sup-1', 'sup-2'] });
    expect(queued[0]!.caption.templateId).toBe('bureau.monthly-report.ready');
    expect(queued[0]!.caption.text).toContain('2300.50');

    // A re-run (catch-up, second instance) sends nothing and uploads nothing.
    expect(await runMonthlyReportJob(new Date('2026-11-01T06:05:00+08:00'), jobDeps)).toMatchObject({
      sent: 0,
    });
    expect(uploads).toHaveLength(1);
    expect(queued).toHaveLength(1);
    const sent = await database.db
      .select()
      .from(alertsSent)
      .where(eq(alertsSent.key, 'monthly-report:2026-10'));
    expect(sent.map((s) => s.recipient).sort()).toEqual(['sup-1', 'sup-2']);
  });

  // Issue 15, D6: a report written on 12-11 for December was reused, partial, on 1 January.
  it('refuses a month not over, unless asked for a partial report marked 截至, which is never stored', async () => {
    const november = toReportMonth('2026-11');
    const midMonth = new Date('2026-11-20T02:00:00Z');
    await expect(generateMonthlyReport(deps(), november, midMonth)).rejects.toThrow(MonthNotOverError);
    const partial = await generateMonthlyReport(deps(), november, midMonth, { partial: true });
    expect(partial).toMatchObject({
      partialUntil: '2026-11-20',
      storagePath: 'reports/2026-11/monthly-report-2026-11-until-2026-11-20.xlsx',
    });
    const { stamp } = await readSummary(path.join(dataDir, partial.storagePath));
    expect(stamp).toContain('本月尚未结束，数字截至2026-11-20');
    expect(
      await database.db.select().from(monthlyReports).where(eq(monthlyReports.month, '2026-11')),
    ).toEqual([]);
  });

  it('rebuilds a stored report that was written before its month ended', async () => {
    const november = toReportMonth('2026-11');
    // As an older version left it: rows and a file dated inside the month.
    const early = await generateMonthlyReport(deps(), november, new Date('2026-12-01T00:00:00Z'));
    await database.db
      .update(monthlyReports)
      .set({ createdAt: new Date('2026-11-25T00:00:00Z') })
      .where(eq(monthlyReports.month, '2026-11'));
    expect(early.generated).toBe(true);
    const onTheFirst = await generateMonthlyReport(deps(), november, new Date('2026-12-01T01:00:00Z'));
    expect(onTheFirst.generated).toBe(true);
    expect((await generateMonthlyReport(deps(), november, new Date('2026-12-01T02:00:00Z'))).generated).toBe(
      false,
    );
  });

  it('a month is 00:00 on the 1st to 00:00 on the next 1st in Shanghai', () => {
    expect(monthWindow(october)).toEqual({
      start: new Date('2026-09-30T16:00:00Z'),
      end: new Date('2026-10-31T16:00:00Z'),
    });
    expect(previousMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12');
    expect(previousMonth(new Date('2027-01-15T00:00:00Z'))).toBe('2026-12');
  });
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../core/db/database';
import { alertsSent, monthlyReports, staffMembers } from '../../core/db/schema';
import type { JobSummary, ScheduledJob } from '../../core/scheduling/job-types';
import type { RenderedText, TemplateStore } from '../../core/templates/template-store';
import { shanghaiDate } from '../../domain/calendar';
import { formatYuan } from '../../domain/money';
import {
  computeMonthlyFigures,
  emptyFigures,
  FIGURE_DEFINITIONS_VERSION,
  sumFigures,
  type TownshipFigures,
} from './monthly-figures';
import { buildMonthlyReportWorkbook, type ReportTownship } from './monthly-report-workbook';
import { monthWindow, previousMonth, type ReportMonth } from './report-month';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface MonthlyReportDeps {
  db: Db;
  /** DATA_DIR: reports are kept under `reports/<YYYY-MM>/`. */
  dataDir: string;
  templates: TemplateStore;
  /** The configured townships (config/townships.json), each listed even with nothing to report. */
  townships: readonly ReportTownship[];
}

/** What `monthly_reports.figures` holds for a township. */
const storedFiguresSchema = z.object({
  definitionsVersion: z.string(),
  newApprovals: z.object({ dibao: z.number(), tekun: z.number() }),
  adjustments: z.number(),
  stops: z.number(),
  rejections: z.number(),
  temporaryAid: z.object({ count: z.number(), totalFen: z.number() }),
  overdue: z.object({ openAtMonthEnd: z.number(), decidedLate: z.number() }),
});
export type StoredFigures = z.infer<typeof storedFiguresSchema>;

export interface GeneratedReport {
  month: ReportMonth;
  /** Relative to DATA_DIR, `/`-separated (as `monthly_reports.storage_path`). */
  storagePath: string;
  /** The name the file carries when sent (from the templates). */
  filename: string;
  /** Figures per township, every listed township included. */
  byTownship: Record<string, StoredFigures>;
  total: TownshipFigures;
  /** False when an earlier run's report was found and reused. */
  generated: boolean;
  /** Set for a month not yet over, generated on request: figures up to this day only, never stored or sent. */
  partialUntil?: string;
}

/**
 * Thrown for a month that has not ended: its figures would be silently incomplete. The CLI says
 * when the month ends and offers `--partial`; the job never asks for a month not over.
 */
export class MonthNotOverError extends Error {
  override name = 'MonthNotOverError';
  constructor(
    readonly month: ReportMonth,
    /** The first instant after the month (00:00 Asia/Shanghai on the next month's first day). */
    readonly endsAt: Date,
  ) {
    super(`month ${month} is not over until ${endsAt.toISOString()}`);
  }
}

/** `reports/<YYYY-MM>/monthly-report-<YYYY-MM>.xlsx` */
export function reportStoragePath(month: ReportMonth): string {
  return path.posix.join('reports', month, `monthly-report-${month}.xlsx`);
}

/**
 * Generates the month's report once: computes the figures, writes the workbook (atomically) and
 * records one `monthly_reports` row per township, all naming the same file. A later call for the
 * same month reuses what was recorded (the events of a past month do not change), unless
 * `regenerate` is set, the file has gone missing, or it was written before the month was over
 * (by an older version); then file and rows are rewritten in place. A month not yet over is
 * refused (`MonthNotOverError`) unless `partial` is asked: then a workbook marked 截至 today is
 * written beside, and nothing is recorded, so the job can never reuse or send it.
 */
export async function generateMonthlyReport(
  deps: MonthlyReportDeps,
  month: ReportMonth,
  now: Date,
  options: { regenerate?: boolean; partial?: boolean } = {},
): Promise<GeneratedReport> {
  const filename = `${deps.templates.phrase('bureau.monthly-report', 'file.prefix')}-${month}.xlsx`;
  const { end } = monthWindow(month);
  if (now < end) {
    if (!options.partial) throw new MonthNotOverError(month, end);
    return generatePartialReport(deps, month, now);
  }
  const existing = await deps.db.select().from(monthlyReports).where(eq(monthlyReports.month, month));
  const first = existing[0];
  const complete = first !== undefined && existing.every((r) => r.createdAt >= end);
  if (!options.regenerate && complete && (await fileExists(path.join(deps.dataDir, first.storagePath)))) {
    const byTownship = Object.fromEntries(
      existing.map((r) => [r.townshipId, storedFiguresSchema.parse(r.figures)]),
    );
    return {
      month,
      storagePath: first.storagePath,
      filename,
      byTownship,
      total: sumFigures(Object.values(byTownship)),
      generated: false,
    };
  }

  const figures = await computeMonthlyFigures(deps.db, month);
  const bytes = await buildMonthlyReportWorkbook({
    figures,
    townships: deps.townships,
    generatedAt: now,
    templates: deps.templates,
  });
  const storagePath = reportStoragePath(month);
  await writeAtomically(path.join(deps.dataDir, storagePath), bytes);
  const ids = new Set([...deps.townships.map((t) => t.id), ...figures.byTownship.keys()]);
  const byTownship: Record<string, StoredFigures> = {};
  for (const id of ids) {
    byTownship[id] = {
      definitionsVersion: FIGURE_DEFINITIONS_VERSION,
      ...(figures.byTownship.get(id) ?? emptyFigures()),
    };
  }
  await deps.db
    .insert(monthlyReports)
    .values(
      [...ids].map((townshipId) => ({
        month,
        townshipId,
        storagePath,
        figures: byTownship[townshipId],
        createdAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [monthlyReports.month, monthlyReports.townshipId],
      set: {
        storagePath: sql`excluded.storage_path`,
        figures: sql`excluded.figures`,
        createdAt: sql`excluded.created_at`,
      },
    });
  return {
    month,
    storagePath,
    filename,
    byTownship,
    total: sumFigures(figures.byTownship.values()),
    generated: true,
  };
}

async function generatePartialReport(
  deps: MonthlyReportDeps,
  month: ReportMonth,
  now: Date,
): Promise<GeneratedReport> {
  const until = shanghaiDate(now);
  const figures = await computeMonthlyFigures(deps.db, month);
  const bytes = await buildMonthlyReportWorkbook({
    figures,
    townships: deps.townships,
    generatedAt: now,
    templates: deps.templates,
    partialUntil: until,
  });
  const storagePath = path.posix.join('reports', month, `monthly-report-${month}-until-${until}.xlsx`);
  await writeAtomically(path.join(deps.dataDir, storagePath), bytes);
  const byTownship = Object.fromEntries(
    [...figures.byTownship].map(([id, f]) => [id, { definitionsVersion: FIGURE_DEFINITIONS_VERSION, ...f }]),
  );
  return {
    month,
    storagePath,
    filename: `${deps.templates.phrase('bureau.monthly-report', 'file.prefix')}-${month}-${until}.xlsx`,
    byTownship,
    total: sumFigures(figures.byTownship.values()),
    generated: true,
    partialUntil: until,
  };
}

/** The one method of the WeCom API client the report needs (media/upload). */
export interface MediaUploader {
  uploadMedia(
    type: 'file',
    filename: string,
    bytes: Uint8Array,
    contentType: string,
  ): Promise<{ media_id: string }>;
}

/** A month's report, uploaded, for the supervisors who have not had it yet. */
export interface MonthlyReportMessage {
  month: ReportMonth;
  /** media/upload id: valid for 3 days from `uploadedAt`. */
  mediaId: string;
  uploadedAt: Date;
  filename: string;
  storagePath: string;
  /** A short text to go with the file (totals of the month). */
  caption: RenderedText;
  /** Active bureau supervisors (WeCom user ids) not yet sent this month's report. */
  recipients: string[];
}

/** The once-only key of a month's report delivery in `alerts_sent` (one row per recipient). */
export function monthlyReportAlertKey(month: ReportMonth): string {
  return `monthly-report:${month}`;
}

/**
 * Makes sure the month's report exists, uploads it (media/upload, type file) and returns the
 * media id with the bureau supervisors still to receive it; `undefined` when every active
 * supervisor already has it (nothing is uploaded then). `runMonthlyReportJob` queues the messages
 * with their once-only rows, so a re-run never sends twice.
 */
export async function sendMonthlyReport(
  deps: MonthlyReportDeps & { api: MediaUploader },
  month: ReportMonth,
  now: Date,
): Promise<MonthlyReportMessage | undefined> {
  const recipients = await supervisorsToSend(deps.db, month);
  if (recipients.length === 0) return undefined;
  const report = await generateMonthlyReport(deps, month, now);
  const bytes = await fs.readFile(path.join(deps.dataDir, report.storagePath));
  const uploaded = await deps.api.uploadMedia('file', report.filename, bytes, XLSX_CONTENT_TYPE);
  const [year, m] = month.split('-').map(Number) as [number, number];
  const t = report.total;
  return {
    month,
    mediaId: uploaded.media_id,
    uploadedAt: now,
    filename: report.filename,
    storagePath: report.storagePath,
    caption: deps.templates.render('bureau.monthly-report.ready', {
      year,
      month: m,
      townships: Object.keys(report.byTownship).length,
      filename: report.filename,
      newDibao: t.newApprovals.dibao,
      newTekun: t.newApprovals.tekun,
      adjustments: t.adjustments,
      stops: t.stops,
      rejections: t.rejections,
      temporaryAidCount: t.temporaryAid.count,
      temporaryAidYuan: formatYuan(t.temporaryAid.totalFen),
      overdueOpen: t.overdue.openAtMonthEnd,
      decidedLate: t.overdue.decidedLate,
    }),
    recipients,
  };
}

async function supervisorsToSend(db: Db, month: ReportMonth): Promise<string[]> {
  const rows = await db
    .select({ userId: staffMembers.userId, sent: alertsSent.id })
    .from(staffMembers)
    .leftJoin(
      alertsSent,
      and(eq(alertsSent.recipient, staffMembers.userId), eq(alertsSent.key, monthlyReportAlertKey(month))),
    )
    .where(and(eq(staffMembers.role, 'bureau_supervisor'), eq(staffMembers.active, true)))
    .orderBy(asc(staffMembers.userId));
  return rows.filter((r) => r.sent === null).map((r) => r.userId);
}

/** What the monthly job needs: the report's deps, the uploader and how to queue the file messages. */
export interface MonthlyReportJobDeps extends MonthlyReportDeps {
  api: MediaUploader;
  /**
   * Writes the outbox rows (the file, and the caption) to `message.recipients`, inside `tx`; those
   * recipients' once-only rows are written in the same transaction. Wired by the outbox owner:
   * the outbox body has no file kind yet.
   */
  queueFile(tx: Db, message: MonthlyReportMessage, now: Date): Promise<void>;
}

export const MONTHLY_REPORT_JOB = 'monthly-report';

/** 06:00 on the 1st of every month, Asia/Shanghai: the node-cron expression and the tick of a moment. */
export const MONTHLY_REPORT_SCHEDULE: Pick<ScheduledJob, 'cron' | 'tick'> = {
  cron: '0 6 1 * *',
  tick(moment: Date) {
    const today = shanghaiDate(moment);
    const minutesOfDay = Math.floor(moment.getTime() / 60_000 + 8 * 60) % (24 * 60);
    const firedThisMonth = today.slice(8) !== '01' || minutesOfDay >= 6 * 60;
    return `${firedThisMonth ? today.slice(0, 7) : previousMonth(moment)}-01`;
  },
};

/**
 * The monthly report job, a pure `run(now, deps)`: it reports the month before `now` (Asia/
 * Shanghai) — generates the workbook once, uploads it and queues it to every active bureau
 * supervisor who has not had it (`alerts_sent` key `monthly-report:<YYYY-MM>`, written with the
 * outbox rows). Safe to re-run for the same tick or to catch up a missed one.
 */
export async function runMonthlyReportJob(now: Date, deps: MonthlyReportJobDeps): Promise<JobSummary> {
  const month = previousMonth(now);
  const report = await generateMonthlyReport(deps, month, now);
  const message = await sendMonthlyReport(deps, month, now);
  let sent = 0;
  if (message) {
    sent = await deps.db.transaction(async (tx) => {
      const fresh = await tx
        .insert(alertsSent)
        .values(
          message.recipients.map((recipient) => ({
            key: monthlyReportAlertKey(month),
            kind: MONTHLY_REPORT_JOB,
            recipient,
            createdAt: now,
          })),
        )
        .onConflictDoNothing({ target: [alertsSent.key, alertsSent.recipient] })
        .returning({ recipient: alertsSent.recipient });
      if (fresh.length === 0) return 0;
      await deps.queueFile(tx, { ...message, recipients: fresh.map((r) => r.recipient).sort() }, now);
      return fresh.length;
    });
  }
  return { month, storagePath: report.storagePath, generated: report.generated, sent };
}

/** The job for the scheduler (`src/scheduling`). */
export function monthlyReportJob(deps: MonthlyReportJobDeps): ScheduledJob {
  return {
    name: MONTHLY_REPORT_JOB,
    ...MONTHLY_REPORT_SCHEDULE,
    run: (now) => runMonthlyReportJob(now, deps),
  };
}

async function fileExists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Writes to a temporary file in the same folder and renames it over the target. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  // Under DATA_DIR, private like the rest of it.
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, bytes, { flush: true, mode: 0o600 });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

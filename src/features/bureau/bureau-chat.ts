import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedCommand } from '../../core/bot/typed-text';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import { isBureauStaff } from '../../core/staff/staff-directory';
import { shanghaiDate } from '../../domain/calendar';
import { formatYuan } from '../../domain/money';
import { caseForStaff } from '../casework/staff-cases';
import { archiveChecklist } from './archive-checklist';
import { generateMonthlyReport, MonthNotOverError, XLSX_CONTENT_TYPE } from './monthly-report';
import { isReportMonth, previousMonth, type ReportMonth } from './report-month';

/** Input vocabulary: `月报 [YYYY-MM]` and `档案检查 <编号>`. */
const REPORT = /^月报(?:\s+(\S+))?$/;
const ARCHIVE_CHECK = /^档案检查\s*([A-Za-z0-9-]{1,40})$/;

/**
 * What the bureau does from the admin CLI, in chat for its supervisors (issue 15): `月报` sends the
 * monthly report of the month just ended (or `月报 YYYY-MM` a past month) as the workbook, with its
 * totals; `档案检查 <编号>` lists what a case's archive holds and lacks (八, 六(三)), signed copies
 * included. Other staff are told where their own commands are.
 */
export function registerBureauChat(router: BotRouter, deps: HandlerDeps): void {
  router.on(
    'bureau.chat',
    (ctx) =>
      ctx.staff !== undefined && (REPORT.test(typedCommand(ctx)) || ARCHIVE_CHECK.test(typedCommand(ctx))),
    async (ctx) => {
      const text = typedCommand(ctx);
      const archive = ARCHIVE_CHECK.exec(text);
      // A township checks its own cases' archives before filing; the bureau checks any.
      if (archive && !isBureauStaff(ctx.staff)) {
        const row = await caseForStaff(ctx.db, ctx.staff!, archive[1]!);
        if (!row) ctx.reply('staff.case-not-found', { caseId: archive[1] });
        else await checkArchive(ctx, deps, row.id);
        return;
      }
      if (!isBureauStaff(ctx.staff)) {
        ctx.reply('staff.bureau.not-bureau');
        return;
      }
      const report = REPORT.exec(text);
      if (report) await sendReport(ctx, deps, report[1]);
      else await checkArchive(ctx, deps, ARCHIVE_CHECK.exec(text)![1]!.toUpperCase());
    },
  );
}

async function sendReport(ctx: TurnContext, deps: HandlerDeps, asked: string | undefined): Promise<void> {
  if (asked !== undefined && !isReportMonth(asked)) {
    ctx.reply('staff.bureau.month-invalid');
    return;
  }
  const month = (asked ?? previousMonth(ctx.now)) as ReportMonth;
  let report: Awaited<ReturnType<typeof generateMonthlyReport>>;
  try {
    report = await generateMonthlyReport(
      { db: ctx.db, dataDir: deps.dataDir, templates: deps.templates, townships: deps.townships },
      month,
      ctx.now,
    );
  } catch (error) {
    if (!(error instanceof MonthNotOverError)) throw error;
    ctx.reply('staff.bureau.month-not-over', { month });
    return;
  }
  const { total } = report;
  ctx.reply('staff.bureau.report-sent', {
    month,
    generated: report.generated,
    total: {
      dibao: total.newApprovals.dibao,
      tekun: total.newApprovals.tekun,
      adjustments: total.adjustments,
      stops: total.stops,
      rejections: total.rejections,
      aidCount: total.temporaryAid.count,
      aidYuan: formatYuan(total.temporaryAid.totalFen),
      overdue: total.overdue.openAtMonthEnd,
      decidedLate: total.overdue.decidedLate,
    },
  });
  await enqueueOutbox(
    ctx.db,
    [
      {
        channel: 'app',
        recipient: ctx.staff!.userId,
        body: {
          file: {
            storagePath: report.storagePath,
            filename: report.filename,
            contentType: XLSX_CONTENT_TYPE,
          },
        },
      },
    ],
    ctx.now,
  );
}

async function checkArchive(ctx: TurnContext, deps: HandlerDeps, caseId: string): Promise<void> {
  const checklist = await archiveChecklist(ctx.db, caseId, {
    cipher: deps.cipher,
    minHomeVisitStaff: deps.steps.rules.minimums(shanghaiDate(ctx.now)).homeVisitStaff,
    signedCopies: true,
  });
  if (!checklist) {
    ctx.reply('staff.case-not-found', { caseId });
    return;
  }
  const labels = deps.templates.phrases('bureau.archive-items');
  ctx.reply('staff.bureau.archive-check', {
    caseId: checklist.caseId,
    complete: checklist.complete,
    filed: checklist.filed,
    items: checklist.items.map((item) => ({
      status: labels[`status.${item.status}`] ?? item.status,
      name: labels[item.id] ?? item.id,
      signedCopyMissing: item.signedCopyMissing ? labels['signed-copy-missing'] : undefined,
    })),
  });
}

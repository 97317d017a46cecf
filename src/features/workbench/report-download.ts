import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Router from '@koa/router';
import { generateMonthlyReport, MonthNotOverError, XLSX_CONTENT_TYPE } from '../bureau/monthly-report';
import { isReportMonth } from '../bureau/report-month';
import { notFound } from './case-file-page';
import { pageHeaders } from './http-helpers';
import { refuse } from './sign-in-routes';
import type { WorkbenchDeps } from './workbench-deps';
import { signedIn } from './workbench-session';

/**
 * The monthly report (月报表, 六(三)) as a download for the bureau: the stored workbook of a month
 * that is over (generated if it was not yet), the same one the job sends and `月报` returns in chat.
 */
export function reportDownloadRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench/reports/:month', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    if (who.staff.role !== 'bureau_supervisor' && who.staff.role !== 'admin')
      return refuse(ctx, deps, 'not-for-role', 403, 'wrong_role');
    const month = ctx.params.month ?? '';
    if (!isReportMonth(month)) return notFound(ctx, deps);
    try {
      const report = await generateMonthlyReport(
        { db: deps.db, dataDir: deps.dataDir, templates: deps.templates, townships: deps.townships },
        month,
        deps.now(),
      );
      pageHeaders(ctx);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.type = XLSX_CONTENT_TYPE;
      ctx.attachment(report.filename);
      ctx.body = await readFile(join(deps.dataDir, report.storagePath));
    } catch (error) {
      if (error instanceof MonthNotOverError) return notFound(ctx, deps);
      throw error;
    }
  });
}

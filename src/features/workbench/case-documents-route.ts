import type Router from '@koa/router';
import { mayHandleCaseFiles } from '../../core/staff/staff-directory';
import { caseForStaff } from '../casework/staff-cases';
import { availableDocuments, generateCaseArchive, generateCaseDocument } from '../documents/case-documents';
import { notFound } from './case-file-page';
import { pageHeaders } from './http-helpers';
import type { WorkbenchDeps } from './workbench-deps';
import { signedIn } from './workbench-session';

/**
 * The case's documents as PDF downloads (`文书 <编号> <序号>` and `档案 <编号>` as links): generated
 * from the record when asked, recorded with the case like those sent in chat; for the staff who
 * handle the case's files, of a case they may see.
 */
export function caseDocumentRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench/cases/:id/documents/:n', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    const row = await caseForStaff(deps.db, who.staff, ctx.params.id ?? '');
    if (!row || !mayHandleCaseFiles(who.staff)) return notFound(ctx, deps);
    const docDeps = { db: deps.db, cipher: deps.cipher, townships: deps.townships, dataDir: deps.dataDir };
    const now = deps.now();
    let stored: Awaited<ReturnType<typeof generateCaseArchive>> | undefined;
    if (ctx.params.n === 'archive') {
      stored = await generateCaseArchive(docDeps, row, who.staff.userId, now);
    } else {
      const chosen = (await availableDocuments(docDeps, row))[Number(ctx.params.n) - 1];
      stored = chosen
        ? await generateCaseDocument(docDeps, row, chosen.kind, who.staff.userId, now)
        : undefined;
    }
    if (!stored) return notFound(ctx, deps);
    pageHeaders(ctx);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = 'application/pdf';
    ctx.attachment(stored.document.fileName, { type: 'inline' });
    ctx.body = Buffer.from(stored.document.bytes);
  });
}

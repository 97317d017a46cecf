import fs from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import { eq } from 'drizzle-orm';
import { piiReads, residentFiles } from '../../core/db/schema';
import { mayHandleCaseFiles } from '../../core/staff/staff-directory';
import { filesOfCase } from '../casework/case-files';
import { caseForStaff } from '../casework/staff-cases';
import { notFound } from './case-file-page';
import { pageHeaders } from './http-helpers';
import type { WorkbenchDeps } from './workbench-deps';
import { signedIn } from './workbench-session';

/** Shown inline (thumbnails, the photo itself); anything else is downloaded. */
const INLINE = /^image\/(jpeg|png|gif|webp)$/i;

/**
 * A file a resident sent for a case (`材料 <编号> <序号>` as a link): only for those who examine
 * materials, of a case they may see, and only a file stored under DATA_DIR. Each serving is
 * recorded in `pii_reads` like a file sent back in chat (a photo of an ID card is personal data).
 */
export function caseFileMediaRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench/cases/:id/files/:n', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    const row = await caseForStaff(deps.db, who.staff, ctx.params.id ?? '');
    const n = Number(ctx.params.n);
    if (!row || !mayHandleCaseFiles(who.staff) || !Number.isInteger(n)) return notFound(ctx, deps);
    const file = (await filesOfCase(deps.db, row)).find((f) => f.n === n);
    const [stored] = file
      ? await deps.db.select().from(residentFiles).where(eq(residentFiles.id, file.id))
      : [];
    if (stored?.status !== 'stored' || !stored.storagePath) return notFound(ctx, deps);
    const root = path.resolve(deps.dataDir);
    const full = path.resolve(root, stored.storagePath);
    if (!full.startsWith(`${root}${path.sep}`) || !fs.existsSync(full)) return notFound(ctx, deps);
    await deps.db.insert(piiReads).values({
      readerId: who.staff.userId,
      readerRole: who.staff.role,
      readerTownship: who.staff.townshipId ?? null,
      caseId: row.id,
      field: 'resident_file',
      purpose: `workbench resident_files.id=${stored.id}`,
      at: deps.now(),
    });
    const contentType = stored.contentType ?? 'application/octet-stream';
    pageHeaders(ctx);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = contentType;
    if (!INLINE.test(contentType)) ctx.attachment(`${row.id}-${n}${path.extname(full)}`);
    ctx.body = fs.createReadStream(full);
  });
}

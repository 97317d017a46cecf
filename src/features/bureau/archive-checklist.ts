import { and, asc, eq } from 'drizzle-orm';
import { recordedCircumstances } from '../../core/cases/recorded-circumstances';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { caseEvents, caseNotices, cases, residentFiles } from '../../core/db/schema';
import { type ArchiveChecklist, archiveCompleteness } from '../../domain/archive/archive-completeness';
import { signedCopiesOf } from '../documents/case-documents';

export type { ArchiveChecklist } from '../../domain/archive/archive-completeness';

/**
 * Loads what the archive check reads of one case (its row, audit trail, notices, stored files and
 * circumstances) and judges it with `archiveCompleteness`. Undefined for an unknown case. With the
 * cipher, circumstances the applicant declared in chat add their materials too.
 */
export async function archiveChecklist(
  db: Db,
  caseId: string,
  options: { cipher?: PiiCipher; minHomeVisitStaff?: number; signedCopies?: boolean } = {},
): Promise<ArchiveChecklist | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) return undefined;
  const events = await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.seq));
  const notices = await db
    .select()
    .from(caseNotices)
    .where(eq(caseNotices.caseId, caseId))
    .orderBy(asc(caseNotices.id));
  const files = await db
    .select({ id: residentFiles.id, materialId: residentFiles.materialId })
    .from(residentFiles)
    .where(and(eq(residentFiles.caseId, caseId), eq(residentFiles.status, 'stored')));
  const circumstances = await recordedCircumstances(db, options.cipher, row);
  const signedCopies = options.signedCopies ? await signedCopiesOf(db, caseId) : undefined;
  return archiveCompleteness(
    { case: row, events, notices, files, circumstances, ...(signedCopies ? { signedCopies } : {}) },
    options.minHomeVisitStaff,
  );
}

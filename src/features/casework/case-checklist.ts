import type { CaseRow } from '../../core/cases/case-records';
import { recordedCircumstances } from '../../core/cases/recorded-circumstances';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { caseCircumstances, materialsApplicationOf } from '../../domain/materials/case-application';
import { type ChecklistItem, checklistFor } from '../../domain/materials/checklist';

/**
 * The materials checklist of one case (六(一)): the catalogue rows for its program, business type,
 * 临时救助 kind and every circumstance known of it. What a 补正 request may name and what a
 * resident's file may be tagged as. A business type the catalogue does not know reads as 新申请.
 */
export async function checklistOfCase(
  db: Db,
  cipher: PiiCipher,
  row: CaseRow,
): Promise<readonly ChecklistItem[]> {
  const circumstances = caseCircumstances(row, await recordedCircumstances(db, cipher, row));
  const application =
    materialsApplicationOf(row, circumstances) ??
    materialsApplicationOf({ ...row, businessType: 'new' }, circumstances)!;
  return checklistFor(application).items;
}

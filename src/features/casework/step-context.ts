import { proposalOf } from '../../core/cases/case-notices';
import type { CaseRow } from '../../core/cases/case-records';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { type StaffMember, staffOfTownship } from '../../core/staff/staff-directory';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import { checklistOfCase } from './case-checklist';
import { stepFigures } from './step-figures';
import type { StepContext } from './step-questions';

/** What a step's questions draw on, the same in chat and on the workbench. */
export async function stepContextOf(
  db: Db,
  deps: { cipher: PiiCipher; parameters: ParameterLookup },
  staff: StaffMember,
  row: CaseRow,
  today: string,
): Promise<StepContext> {
  return {
    row,
    staff,
    today,
    figures: stepFigures(deps.cipher, deps.parameters, row, today),
    colleagues: staff.townshipId ? await staffOfTownship(db, staff.townshipId) : [],
    // The case's own checklist (its program and circumstances), so 补正 can name e.g. 残疾人证.
    checklist: await checklistOfCase(db, deps.cipher, row),
    proposal: await proposalOf(db, row.id),
  };
}

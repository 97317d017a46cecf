import type { CaseRow } from '../../core/cases/case-records';
import { declaredFigures } from '../../core/cases/declared-application';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import { toLocalDate } from '../../domain/calendar';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import { dibaoStandardFen } from '../../domain/rules/dibao-gap';

/** The figures a review draws on, beyond the case row. */
export interface StepFigures {
  /** From the application: the village (the 公示 names it) and the declared monthly income. */
  declared: { village: string | undefined; monthlyIncomeFen: number | undefined };
  /** 低保 monthly per-person standards in force today (fen), when the bureau has set them. */
  dibaoStandards: { urban: number | undefined; rural: number | undefined };
}

export function stepFigures(
  cipher: PiiCipher | undefined,
  parameters: ParameterLookup,
  row: CaseRow,
  today: string,
): StepFigures {
  const day = toLocalDate(today);
  return {
    declared: declaredFigures(cipher, row.applicationSealed),
    dibaoStandards: {
      urban: dibaoStandardFen('urban', day, parameters),
      rural: dibaoStandardFen('rural', day, parameters),
    },
  };
}

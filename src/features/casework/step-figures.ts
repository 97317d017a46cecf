import { and, desc, eq } from 'drizzle-orm';
import type { CaseRow } from '../../core/cases/case-records';
import { declaredFigures } from '../../core/cases/declared-application';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { caseEvents } from '../../core/db/schema';
import { toLocalDate } from '../../domain/calendar';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import { dibaoStandardFen } from '../../domain/rules/dibao-gap';

/** The figures a review and the 公示 draw on, beyond the case row. */
export interface StepFigures {
  /** From the application: the village (the 公示 names it) and the declared monthly income. */
  declared: { village: string | undefined; monthlyIncomeFen: number | undefined };
  /** 低保 monthly per-person standards in force today (fen), when the bureau has set them. */
  dibaoStandards: { urban: number | undefined; rural: number | undefined };
  /** The latest eligible review's proposal: what the 公示 shows. */
  proposal: { amountFen: number; village: string | undefined } | undefined;
}

export async function stepFigures(
  db: Db,
  cipher: PiiCipher | undefined,
  parameters: ParameterLookup,
  row: CaseRow,
  today: string,
): Promise<StepFigures> {
  const [review] = await db
    .select({ payload: caseEvents.payload })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.eventType, 'review_eligible')))
    .orderBy(desc(caseEvents.seq))
    .limit(1);
  const proposed = review?.payload as { proposedAmountFen?: number; village?: string } | undefined;
  const day = toLocalDate(today);
  return {
    declared: declaredFigures(cipher, row.applicationSealed),
    dibaoStandards: {
      urban: dibaoStandardFen('urban', day, parameters),
      rural: dibaoStandardFen('rural', day, parameters),
    },
    proposal:
      typeof proposed?.proposedAmountFen === 'number'
        ? { amountFen: proposed.proposedAmountFen, village: proposed.village }
        : undefined,
  };
}

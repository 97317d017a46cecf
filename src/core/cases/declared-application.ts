import { z } from 'zod';
import type { PiiCipher } from '../crypto/pii-cipher';

/** What a review reads of the sealed declaration: the village and the monthly income items. */
const declaration = z.looseObject({
  village: z.string().optional(),
  incomeItems: z.array(z.looseObject({ fen: z.number().int() })).optional(),
});

/** The village and declared monthly household income of a case, as the applicant gave them. */
export interface DeclaredFigures {
  village: string | undefined;
  monthlyIncomeFen: number | undefined;
}

/**
 * Opens the applicant's declaration (sealed: it also names illness and assets) for the two figures
 * a review and the 公示 use. A case without a declaration (entered by staff) or one that cannot be
 * read gives neither.
 */
export function declaredFigures(cipher: PiiCipher | undefined, sealed: string | null): DeclaredFigures {
  const none = { village: undefined, monthlyIncomeFen: undefined };
  if (!cipher || !sealed) return none;
  try {
    const parsed = declaration.safeParse(JSON.parse(cipher.open(sealed)));
    if (!parsed.success) return none;
    const items = parsed.data.incomeItems;
    return {
      village: parsed.data.village?.trim() || undefined,
      monthlyIncomeFen: items ? items.reduce((sum, item) => sum + item.fen, 0) : undefined,
    };
  } catch {
    return none;
  }
}

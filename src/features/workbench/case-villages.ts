import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { cases } from '../../core/db/schema';

const declaredVillage = z.looseObject({ village: z.string().optional() });

/**
 * The village each case's applicant declared (it is kept in the sealed declaration with the rest of
 * what they told us). Cases handed in without a declaration have none.
 */
export async function villagesOf(
  db: Db,
  cipher: PiiCipher,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const villages = new Map<string, string>();
  if (ids.length === 0) return villages;
  const rows = await db
    .select({ id: cases.id, sealed: cases.applicationSealed })
    .from(cases)
    .where(inArray(cases.id, [...ids]));
  for (const row of rows) {
    if (!row.sealed) continue;
    try {
      const parsed = declaredVillage.safeParse(JSON.parse(cipher.open(row.sealed)));
      if (parsed.success && parsed.data.village) villages.set(row.id, parsed.data.village);
    } catch {
      // An unreadable declaration (a key no longer held) just has no village to filter on.
    }
  }
  return villages;
}

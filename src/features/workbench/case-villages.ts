import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { cases } from '../../core/db/schema';

const declaredVillage = z.looseObject({ village: z.string().optional() });

/**
 * Villages already opened, by the sealed text they came from (a new declaration is a new key):
 * the 待办 page of a large township would otherwise open thousands of declarations per request.
 */
const opened = new Map<string, string | null>();
const MAX_OPENED = 200_000;

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
    let village = opened.get(row.sealed);
    if (village === undefined) {
      try {
        const parsed = declaredVillage.safeParse(JSON.parse(cipher.open(row.sealed)));
        village = parsed.success && parsed.data.village ? parsed.data.village : null;
      } catch {
        // An unreadable declaration (a key no longer held) just has no village to filter on.
        village = null;
      }
      if (opened.size >= MAX_OPENED) opened.clear();
      opened.set(row.sealed, village);
    }
    if (village) villages.set(row.id, village);
  }
  return villages;
}

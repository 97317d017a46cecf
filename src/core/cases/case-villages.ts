import { and, asc, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';
import { cases } from '../db/schema';

const declaredVillage = z.looseObject({ village: z.string().optional() });

/** The hashed text of a village: kept apart from ID numbers and phones, hashed with the same key. */
const hashInput = (village: string) => `village:${village}`;

export interface VillageTag {
  villageHash: string | null;
  /** The name sealed on its own; '' when the declaration names no village. */
  villageSealed: string;
}

/** The village a declaration names, as the applicant typed it less surrounding spaces. */
export function villageOf(declaration: unknown): string | undefined {
  const parsed = declaredVillage.safeParse(declaration);
  return (parsed.success && parsed.data.village?.trim()) || undefined;
}

/** What a case stores of its declared village, so the 待办 filter need not open its declaration. */
export function villageTag(cipher: PiiCipher, declaration: unknown): VillageTag {
  const village = villageOf(declaration);
  return village
    ? { villageHash: cipher.lookupHash(hashInput(village)), villageSealed: cipher.seal(village) }
    : { villageHash: null, villageSealed: '' };
}

/** The tag of a declaration as stored (JSON); text that is not JSON names no village. */
export function villageTagOfText(cipher: PiiCipher, declaration: string): VillageTag {
  let parsed: unknown;
  try {
    parsed = JSON.parse(declaration);
  } catch {
    parsed = undefined;
  }
  return villageTag(cipher, parsed);
}

/** Hashes a village may be stored under: one per key in the ring, until a re-seal after rotation. */
export function villageHashes(cipher: PiiCipher, village: string): string[] {
  return cipher.lookupHashes(hashInput(village.trim()));
}

/** A stored village name; '' for none, or one sealed with a key no longer held. */
export function openVillage(cipher: PiiCipher, sealed: string | null): string {
  if (!sealed) return '';
  try {
    return cipher.open(sealed);
  } catch {
    return '';
  }
}

/**
 * Tags cases declared before villages were stored apart (migration 0014), in batches, one update
 * per batch. Safe to run on several instances at once: a row is written only if it is still
 * untagged and holds the declaration read. Declarations no key opens are left (and counted).
 */
export async function tagCaseVillages(
  db: Db,
  cipher: PiiCipher,
  batch = 500,
): Promise<{ tagged: number; unreadable: number }> {
  let tagged = 0;
  let unreadable = 0;
  for (let afterId = ''; ; ) {
    const rows = await db
      .select({ id: cases.id, sealed: cases.applicationSealed })
      .from(cases)
      .where(and(gt(cases.id, afterId), isNotNull(cases.applicationSealed), isNull(cases.villageSealed)))
      .orderBy(asc(cases.id))
      .limit(batch);
    if (rows.length === 0) return { tagged, unreadable };
    const values = [];
    for (const row of rows) {
      afterId = row.id;
      if (row.sealed === null) continue;
      let tag: VillageTag;
      try {
        tag = villageTagOfText(cipher, cipher.open(row.sealed));
      } catch {
        unreadable++;
        continue;
      }
      values.push(
        sql`(${row.id}::text, ${row.sealed}::text, ${tag.villageHash}::text, ${tag.villageSealed}::text)`,
      );
    }
    if (values.length === 0) continue;
    const written = await queryRows<{ id: string }>(
      db,
      sql`update cases set village_hash = v.hash, village_sealed = v.village
          from (values ${sql.join(values, sql`, `)}) as v(id, declaration, hash, village)
          where cases.id = v.id and cases.village_sealed is null and cases.application_sealed = v.declaration
          returning cases.id`,
    );
    tagged += written.length;
  }
}

import { type AnyColumn, and, asc, eq, gt, isNull, not, or, sql } from 'drizzle-orm';
import { villageTagOfText } from '../cases/case-villages';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { caseMembers, cases } from '../db/schema';
import { sealStoredPayloads } from '../inbox/inbound-payload';

export interface ResealCounts {
  cases: number;
  members: number;
  payloads: number;
  /** Values no key in the ring opens (left as they are, and counted, never dropped). */
  unreadable: number;
}

/**
 * The second half of a key rotation: every sealed ID number, phone and declaration sealed again
 * under the current key, and the lookup hashes computed again from the opened values, so exact
 * lookups (duplicate applications, warnings, the 待办 village filter) find old rows under the new
 * key alone. Each row is written only if it still holds the values read (a concurrent change
 * wins), so it can run while the service runs and be run again. Afterwards the previous key may
 * leave PII_PREVIOUS_KEYS, except for 预警 imported before the rotation, whose ID numbers were
 * never stored, only hashed.
 */
export async function resealPii(db: Db, cipher: PiiCipher, batch = 200): Promise<ResealCounts> {
  const counts: ResealCounts = { cases: 0, members: 0, payloads: 0, unreadable: 0 };
  const current = `v1.${cipher.currentKeyId}.%`;
  const stale = (column: AnyColumn) => and(sql`${column} is not null`, not(sql`${column} like ${current}`));

  for (let afterId = ''; ; ) {
    const rows = await db
      .select()
      .from(cases)
      .where(
        and(
          gt(cases.id, afterId),
          or(
            stale(cases.applicantIdSealed),
            stale(cases.applicantPhoneSealed),
            stale(cases.applicationSealed),
          ),
        ),
      )
      .orderBy(asc(cases.id))
      .limit(batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      afterId = row.id;
      try {
        const id = cipher.open(row.applicantIdSealed);
        const phone = row.applicantPhoneSealed === null ? null : cipher.open(row.applicantPhoneSealed);
        const declaration = row.applicationSealed === null ? null : cipher.open(row.applicationSealed);
        const written = await db
          .update(cases)
          .set({
            applicantIdSealed: cipher.seal(id),
            applicantIdHash: cipher.lookupHash(id),
            applicantPhoneSealed: phone === null ? null : cipher.seal(phone),
            applicantPhoneHash: phone === null ? null : cipher.lookupHash(phone),
            applicationSealed: declaration === null ? null : cipher.seal(declaration),
            // The village's hash and name follow the declaration to the current key.
            ...(declaration === null ? {} : villageTagOfText(cipher, declaration)),
          })
          .where(
            and(
              eq(cases.id, row.id),
              eq(cases.applicantIdSealed, row.applicantIdSealed),
              row.applicantPhoneSealed === null
                ? isNull(cases.applicantPhoneSealed)
                : eq(cases.applicantPhoneSealed, row.applicantPhoneSealed),
              row.applicationSealed === null
                ? isNull(cases.applicationSealed)
                : eq(cases.applicationSealed, row.applicationSealed),
            ),
          )
          .returning({ id: cases.id });
        counts.cases += written.length;
      } catch {
        counts.unreadable += 1;
      }
    }
  }

  for (let afterId = 0; ; ) {
    const rows = await db
      .select({ id: caseMembers.id, idSealed: caseMembers.idSealed })
      .from(caseMembers)
      .where(and(gt(caseMembers.id, afterId), stale(caseMembers.idSealed)))
      .orderBy(asc(caseMembers.id))
      .limit(batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      afterId = row.id;
      if (row.idSealed === null) continue;
      try {
        const id = cipher.open(row.idSealed);
        const written = await db
          .update(caseMembers)
          .set({ idSealed: cipher.seal(id), idHash: cipher.lookupHash(id) })
          .where(and(eq(caseMembers.id, row.id), eq(caseMembers.idSealed, row.idSealed)))
          .returning({ id: caseMembers.id });
        counts.members += written.length;
      } catch {
        counts.unreadable += 1;
      }
    }
  }

  const payloads = await sealStoredPayloads(db, cipher, batch);
  counts.payloads = payloads.sealed;
  counts.unreadable += payloads.unreadable;
  return counts;
}

import { and, asc, eq, gt, isNotNull, isNull, not, or, sql } from 'drizzle-orm';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { inboundMessages } from '../db/schema';

/** A stored message's payload, sealed: a resident may type an ID number or phone into any message. */
export function sealInboundPayload(cipher: PiiCipher, message: unknown): string {
  return cipher.seal(JSON.stringify(message));
}

/**
 * The payload of a stored row, as it was validated: opened from `payload_sealed`, or the clear
 * legacy `payload` of a row not yet sealed. Throws if the sealed value's key is not in the ring.
 */
export function openInboundPayload(
  cipher: PiiCipher,
  row: Pick<typeof inboundMessages.$inferSelect, 'payload' | 'payloadSealed'>,
): unknown {
  if (row.payloadSealed !== null) return JSON.parse(cipher.open(row.payloadSealed)) as unknown;
  return row.payload;
}

/**
 * Seals the clear payloads left by rows stored before payloads were sealed (migration 0009), and
 * re-seals those sealed with a previous key after a rotation, in batches. Safe to run on several
 * instances at once: each row is updated only if it is still as it was read. Answers the count.
 */
export async function sealStoredPayloads(
  db: Db,
  cipher: PiiCipher,
  batch = 200,
): Promise<{ sealed: number; unreadable: number }> {
  let done = 0;
  let unreadable = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select({
        id: inboundMessages.id,
        payload: inboundMessages.payload,
        payloadSealed: inboundMessages.payloadSealed,
      })
      .from(inboundMessages)
      .where(
        and(
          gt(inboundMessages.id, afterId),
          or(
            isNotNull(inboundMessages.payload),
            not(sql`${inboundMessages.payloadSealed} like ${`v1.${cipher.currentKeyId}.%`}`),
          ),
        ),
      )
      .orderBy(asc(inboundMessages.id))
      .limit(batch);
    if (rows.length === 0) return { sealed: done, unreadable };
    for (const row of rows) {
      afterId = row.id;
      if (row.payloadSealed !== null && !cipher.needsReseal(row.payloadSealed) && row.payload === null)
        continue;
      let sealed: string;
      try {
        sealed = sealInboundPayload(cipher, openInboundPayload(cipher, row));
      } catch {
        // Sealed with a key no longer in the ring: left as it is (the worker fails it if pending).
        unreadable++;
        continue;
      }
      const updated = await db
        .update(inboundMessages)
        .set({ payloadSealed: sealed, payload: null })
        .where(
          and(
            eq(inboundMessages.id, row.id),
            row.payloadSealed === null
              ? isNull(inboundMessages.payloadSealed)
              : eq(inboundMessages.payloadSealed, row.payloadSealed),
          ),
        )
        .returning({ id: inboundMessages.id });
      done += updated.length;
    }
  }
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';
import { inboundMessages } from '../db/schema';
import { openInboundPayload } from '../inbox/inbound-payload';

/** Pending messages of one conversation read per pass: the work of a pass stays bounded. */
const SCAN_LIMIT = 1_000;

export interface FloodPass {
  /** Ids marked `skipped`: a later pending message says the same. */
  skipped: number[];
  /** Whether the oldest pending message (the one about to be processed) was among them. */
  headSkipped: boolean;
}

/**
 * A resident who sends a burst of the same message should not wait behind it: served 20 turns a
 * minute, 1,000 copies took 48 minutes. When more than `backlog` messages of one conversation
 * are pending, every text message that a later pending text message repeats (or nearly: see
 * `floodFingerprint`) is marked `skipped` — kept, with its payload, never deleted — so only the
 * latest of each is answered. Photos, files, voice and events are never skipped. Runs in the
 * turn's transaction, under the conversation's lock.
 */
export async function coalesceFlood(
  tx: Db,
  cipher: PiiCipher,
  conversationKey: string,
  headId: number,
  backlog: number,
  now: Date,
): Promise<FloodPass> {
  const pendingOf = and(
    eq(inboundMessages.conversationKey, conversationKey),
    eq(inboundMessages.status, 'pending'),
  );
  const [counted] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (select 1 from ${inboundMessages} where ${pendingOf} limit ${backlog + 1}) b`,
  );
  if ((counted?.n ?? 0) <= backlog) return { skipped: [], headSkipped: false };
  const rows = await tx
    .select({
      id: inboundMessages.id,
      payload: inboundMessages.payload,
      payloadSealed: inboundMessages.payloadSealed,
    })
    .from(inboundMessages)
    .where(and(pendingOf, eq(inboundMessages.msgType, 'text')))
    .orderBy(asc(inboundMessages.id))
    .limit(SCAN_LIMIT);
  const latest = new Map<string, number>();
  const fingerprints = rows.map((row) => {
    const content = contentOf(cipher, row);
    // A payload no key opens is never taken for a repeat (fingerprints hold no NUL).
    const fingerprint = content === undefined ? `\u0000${row.id}` : floodFingerprint(content);
    latest.set(fingerprint, row.id);
    return fingerprint;
  });
  const skipped = rows.filter((row, i) => latest.get(fingerprints[i]!) !== row.id).map((row) => row.id);
  if (skipped.length > 0) {
    await tx
      .update(inboundMessages)
      .set({ status: 'skipped', processedAt: now })
      .where(inArray(inboundMessages.id, skipped));
  }
  return { skipped, headSkipped: skipped.includes(headId) };
}

/**
 * What a message says, for telling a repeat apart: compatibility forms folded (full-width to
 * ASCII), case, spaces, punctuation, symbols and emoji dropped — “你好！”, “你 好” and “你好。。。”
 * are one message. Digits are kept: “1” and “2”, or two amounts, are different answers.
 */
export function floodFingerprint(content: string): string {
  return content
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\p{C}\s]+/gu, '');
}

function contentOf(
  cipher: PiiCipher,
  row: { payload: unknown; payloadSealed: string | null },
): string | undefined {
  try {
    const message = openInboundPayload(cipher, row) as { Content?: unknown };
    return typeof message.Content === 'string' ? message.Content : '';
  } catch {
    return undefined;
  }
}

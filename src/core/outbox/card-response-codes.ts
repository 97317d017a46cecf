import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cardResponseCodes } from '../db/schema';

/** WeCom now documents 72 h; older docs said 24 h. We budget for the shorter (docs/wecom.md §2.5). */
export const RESPONSE_CODE_LIFETIME_MS = 24 * 3_600_000;

/** Keeps the one-shot code a card click carried, for updating that user's card afterwards. */
export async function recordClickCode(
  db: Db,
  click: { responseCode: string; taskId: string; userId: string },
  now: Date,
): Promise<void> {
  await db
    .insert(cardResponseCodes)
    .values({ ...click, source: 'click', createdAt: now })
    .onConflictDoNothing({ target: cardResponseCodes.responseCode });
}

/**
 * Takes the newest unused, unexpired code for a card and user and marks it used, so it is spent
 * once even with several instances. Undefined when none is left: send a new card instead.
 */
export async function takeResponseCode(
  db: Db,
  taskId: string,
  userId: string,
  now: Date,
): Promise<string | undefined> {
  const since = new Date(now.getTime() - RESPONSE_CODE_LIFETIME_MS);
  const [candidate] = await db
    .select({ code: cardResponseCodes.responseCode })
    .from(cardResponseCodes)
    .where(
      and(
        eq(cardResponseCodes.taskId, taskId),
        eq(cardResponseCodes.userId, userId),
        isNull(cardResponseCodes.usedAt),
        gt(cardResponseCodes.createdAt, since),
      ),
    )
    .orderBy(desc(cardResponseCodes.createdAt))
    .limit(1);
  if (!candidate) return undefined;
  const taken = await db
    .update(cardResponseCodes)
    .set({ usedAt: now })
    .where(and(eq(cardResponseCodes.responseCode, candidate.code), sql`${cardResponseCodes.usedAt} is null`))
    .returning({ code: cardResponseCodes.responseCode });
  return taken[0]?.code;
}

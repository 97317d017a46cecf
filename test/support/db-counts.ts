import { count } from 'drizzle-orm';
import type { Db } from '../../src/core/db/database';
import { conversations, inboundMessages, outbox } from '../../src/core/db/schema';

/** Row counts of the tables a callback may touch, to prove "stored nothing" / "stored once". */
export async function tableCounts(
  db: Db,
): Promise<{ inbound: number; outbox: number; conversations: number }> {
  const [[inbound], [sent], [convs]] = await Promise.all([
    db.select({ n: count() }).from(inboundMessages),
    db.select({ n: count() }).from(outbox),
    db.select({ n: count() }).from(conversations),
  ]);
  return { inbound: inbound!.n, outbox: sent!.n, conversations: convs!.n };
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../src/core/db/database';
import { outbox } from '../../src/core/db/schema';
import type { ReplyModel } from '../../src/core/outbox/reply-model';

/** Commits an outbox row as a turn would (a reply model to one recipient), at `now` of the service's clock. */
export async function enqueueText(
  db: Db,
  now: Date,
  recipient: string,
  text: string,
  extra: {
    channel?: 'app' | 'kf' | 'appchat';
    openKfId?: string;
    choices?: ReplyModel['choices'];
    kfEventCode?: string;
  } = {},
): Promise<number> {
  const body: ReplyModel = {
    text: { templateId: 'test.text', templateVersion: 1, text },
    ...(extra.choices ? { choices: extra.choices } : {}),
    ...(extra.kfEventCode ? { kfEventCode: extra.kfEventCode } : {}),
  };
  const [row] = await db
    .insert(outbox)
    .values({
      channel: extra.channel ?? 'app',
      recipient,
      openKfId: extra.openKfId ?? null,
      body,
      createdAt: now,
      nextAttemptAt: now,
    })
    .returning({ id: outbox.id });
  return row!.id;
}

export async function outboxRow(db: Db, id: number) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row!;
}

export { until } from './until';

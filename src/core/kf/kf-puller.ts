import { eq, sql } from 'drizzle-orm';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';
import { kfCursors, outbox } from '../db/schema';
import { storeInbound } from '../inbox/store-inbound';
import type { Logger } from '../log/logger';
import type { WecomApiClient } from '../wecom/api/wecom-api-client';
import { normaliseKfMessage } from './kf-message';

export interface KfPullerDeps {
  db: Db;
  api: WecomApiClient;
  /** Seals the pulled messages before they are stored. */
  cipher: PiiCipher;
  corpId: string;
  log: Logger;
  now: () => Date;
  /** A resident's message was stored for this conversation (wakes the worker). */
  onStored: (conversationKey: string) => void;
  /** Held replies to a resident were released (wakes the dispatcher). */
  onReleased: () => void;
}

/**
 * Pulls 微信客服 messages (kf/sync_msg) after a `kf_msg_or_event` callback: one pull at a time per
 * account, page after page while `has_more`, each page's messages stored (deduplicated by msgid)
 * in the same transaction that advances the cursor — so a crash re-pulls, never skips.
 */
export class KfPuller {
  private readonly chains = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: KfPullerDeps,
    private readonly options: { retryDelaysMs: number[]; resumeEveryMs: number } = {
      retryDelaysMs: [1_000, 5_000, 30_000],
      resumeEveryMs: 5 * 60_000,
    },
  ) {}

  /** Pulls every known account now and then periodically, so a failed or missed pull is made up. */
  start(): void {
    const resume = () => {
      this.resumeAll().catch((error: unknown) => this.deps.log.warn({ err: error }, 'kf resume failed'));
    };
    resume();
    this.timer = setInterval(resume, this.options.resumeEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.whenIdle();
  }

  /** Queues a pull for the account; `token` is the callback's (valid 10 minutes). */
  schedule(openKfId: string, token?: string): Promise<void> {
    const previous = this.chains.get(openKfId) ?? Promise.resolve();
    const next = previous
      .then(() => this.pullWithRetries(openKfId, token))
      .catch((error: unknown) =>
        this.deps.log.error(
          { err: error, openKfId },
          'kf pull failed; the periodic resume or next event retries',
        ),
      );
    this.chains.set(openKfId, next);
    void next.finally(() => {
      if (this.chains.get(openKfId) === next) this.chains.delete(openKfId);
    });
    return next;
  }

  /** Pulls every account seen before (at start-up, to fetch what arrived while we were down). */
  async resumeAll(): Promise<void> {
    const accounts = await this.deps.db.select({ openKfId: kfCursors.openKfId }).from(kfCursors);
    await Promise.all(accounts.map((a) => this.schedule(a.openKfId)));
  }

  async whenIdle(): Promise<void> {
    await Promise.all(this.chains.values());
  }

  private async pullWithRetries(openKfId: string, token: string | undefined): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pull(openKfId, attempt === 0 ? token : undefined);
      } catch (error) {
        const delay = this.options.retryDelaysMs[attempt];
        if (delay === undefined) throw error;
        this.deps.log.warn({ err: error, openKfId, attempt: attempt + 1 }, 'kf pull failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async pull(openKfId: string, token: string | undefined): Promise<void> {
    const { db, api, log } = this.deps;
    for (let page = 0; page < 1_000; page++) {
      const [stored] = await db.select().from(kfCursors).where(eq(kfCursors.openKfId, openKfId));
      const reply = await api.kfSyncMsg({ openKfId, cursor: stored?.cursor, token });
      const now = this.deps.now();
      const woken = new Set<string>();
      let released = false;
      await db.transaction(async (tx) => {
        // Another instance may have pulled the same page: messages dedupe, but the cursor must only move forward.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kf:${openKfId}`}, 0))`);
        const [current] = await tx.select().from(kfCursors).where(eq(kfCursors.openKfId, openKfId));
        const stillOurs = (current?.cursor ?? undefined) === (stored?.cursor ?? undefined);
        for (const raw of reply.msg_list) {
          const message = normaliseKfMessage(raw, this.deps.corpId);
          if (!message) continue;
          const result = await storeInbound(tx, this.deps.cipher, message, now, { channel: 'kf', openKfId });
          if (!result.stored) continue;
          woken.add(result.conversationKey);
          if (message.MsgType !== 'event')
            released = (await releaseHeld(tx, openKfId, String(message.FromUserName), now)) || released;
        }
        if (reply.next_cursor && stillOurs) {
          await tx
            .insert(kfCursors)
            .values({ openKfId, cursor: reply.next_cursor, updatedAt: now })
            .onConflictDoUpdate({
              target: kfCursors.openKfId,
              set: { cursor: reply.next_cursor, updatedAt: now },
            });
        }
      });
      for (const key of woken) this.deps.onStored(key);
      if (released) this.deps.onReleased();
      log.debug(
        { openKfId, page, messages: reply.msg_list.length, hasMore: reply.has_more },
        'kf page pulled',
      );
      if (reply.has_more !== 1) return;
    }
    log.warn({ openKfId }, 'kf pull stopped after 1000 pages; continuing on the next event');
  }
}

/** A resident wrote again: replies held for the closed 48-hour window may go now. */
async function releaseHeld(db: Db, openKfId: string, externalUserId: string, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update ${outbox} set status = 'pending', next_attempt_at = ${now}
        where channel = 'kf' and open_kfid = ${openKfId} and recipient = ${externalUserId}
          and status = 'held' returning id`,
  );
  return rows.length > 0;
}

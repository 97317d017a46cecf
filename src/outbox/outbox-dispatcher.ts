import { and, eq, inArray, sql } from 'drizzle-orm';
import { type ReplyModel, replyModelSchema } from '../bot/reply-model';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';
import { cardResponseCodes, outbox, outboxSends } from '../db/schema';
import type { Logger } from '../log/logger';
import type { TemplateStore } from '../templates/template-store';
import { WecomApiError } from '../wecom/api/api-error';
import type { WecomApiClient } from '../wecom/api/wecom-api-client';
import { kfReplyWindow } from './kf-reply-window';
import { renderForApp, renderForAppChat, renderForKf } from './render-reply';
import { DEFAULT_SEND_RATE_LIMITS, nextAllowedSend, type SendRateLimits } from './send-rate-limit';

export interface OutboxDispatcherOptions {
  /** Attempts (each after the API client's own retries) before a row is dead-lettered. */
  maxAttempts: number;
  retryDelayMs: (attempt: number) => number;
  limits: SendRateLimits;
  batchSize: number;
  pollIntervalMs: number;
  /** How long a claimed row stays invisible to other instances. */
  leaseMs: number;
}

const DEFAULTS: OutboxDispatcherOptions = {
  maxAttempts: 6,
  retryDelayMs: (attempt) => Math.min(600_000, 5_000 * 2 ** (attempt - 1)),
  limits: DEFAULT_SEND_RATE_LIMITS,
  batchSize: 25,
  pollIntervalMs: 1_000,
  leaseMs: 60_000,
};

export interface OutboxDispatcherDeps {
  db: Db;
  api: WecomApiClient;
  templates: TemplateStore;
  log: Logger;
  now: () => Date;
}

type OutboxRow = typeof outbox.$inferSelect;
type Outcome = 'sent' | 'deferred' | 'failed';

/**
 * Sends outbox rows through the WeCom API. Claims the head row of each recipient's queue (FOR
 * UPDATE SKIP LOCKED plus a lease, so instances share the work and a recipient's messages stay in
 * order), sends it part by part within the rate limits, and records each acknowledged part before
 * the next. Transient failures are retried later; permanent ones and the last attempt dead-letter.
 *
 * Duplicate window: a part is sent again only if the process dies after WeCom accepted it and
 * before its `outbox_sends` row commits (the duration of one HTTP answer). 微信客服 parts carry
 * our msgid, which WeCom refuses to accept twice, so there the window is closed.
 */
export class OutboxDispatcher {
  private readonly options: OutboxDispatcherOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: OutboxDispatcherDeps,
    options: Partial<OutboxDispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options, limits: { ...DEFAULTS.limits, ...options.limits } };
  }

  start(): void {
    this.timer = setInterval(() => this.notify(), this.options.pollIntervalMs);
    this.timer.unref();
    this.notify();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** New rows were committed: run soon (coalesced with a run in progress). */
  notify(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.notify();
      }
    });
  }

  /** Resolves when a run finds nothing more to send now (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.runOnce()) > 0) {}
    } catch (error) {
      this.deps.log.error({ err: error }, 'outbox run failed; next poll retries');
    }
  }

  /** Claims and sends one batch; returns how many rows it claimed. */
  async runOnce(): Promise<number> {
    const rows = await this.claim(this.deps.now());
    for (const row of rows) {
      if (this.stopped) break;
      await this.deliver(row);
    }
    return rows.length;
  }

  private async claim(now: Date): Promise<OutboxRow[]> {
    const { db } = this.deps;
    return db.transaction(async (tx) => {
      const ids = await queryRows<{ id: string | number }>(
        tx,
        sql`select o.id from outbox o
            where o.status = 'pending' and o.next_attempt_at <= ${now}
              and (o.locked_until is null or o.locked_until < ${now})
              and not exists (select 1 from outbox p where p.status = 'pending' and p.channel = o.channel
                              and p.recipient = o.recipient and p.id < o.id)
            order by o.id limit ${this.options.batchSize}
            for update skip locked`,
      );
      if (ids.length === 0) return [];
      const lease = new Date(now.getTime() + this.options.leaseMs);
      return tx
        .update(outbox)
        .set({ lockedUntil: lease })
        .where(
          inArray(
            outbox.id,
            ids.map((r) => Number(r.id)),
          ),
        )
        .returning();
    });
  }

  private async deliver(row: OutboxRow): Promise<Outcome> {
    const { db, log } = this.deps;
    const reply = replyModelSchema.safeParse(row.body);
    if (!reply.success) return this.finish(row, 'dead', 'outbox body is not a reply model');
    const parts = this.render(row, reply.data);
    const done = new Set(
      (
        await db.select({ part: outboxSends.part }).from(outboxSends).where(eq(outboxSends.outboxId, row.id))
      ).map((r) => r.part),
    );
    for (const [index, part] of parts.entries()) {
      if (done.has(index)) continue;
      const now = this.deps.now();
      const viaEventCode = row.channel === 'kf' && index === 0 && reply.data.kfEventCode !== undefined;
      if (row.channel === 'kf' && !viaEventCode) {
        const window = await kfReplyWindow(db, row.openKfId ?? '', row.recipient, now);
        if (!window.open) return this.hold(row, window.reason);
      }
      const allowed = await nextAllowedSend(db, this.options.limits, row.channel, row.recipient, now);
      if (allowed > now) {
        await db
          .update(outbox)
          .set({ nextAttemptAt: allowed, lockedUntil: null })
          .where(eq(outbox.id, row.id));
        return 'deferred';
      }
      try {
        await this.sendPart(row, index, part, viaEventCode ? reply.data.kfEventCode : undefined);
      } catch (error) {
        if (error instanceof WecomApiError && (error.errcode === 95001 || error.errcode === 95002)) {
          return this.hold(row, `held: ${error.message}`);
        }
        return this.failed(row, error);
      }
    }
    log.debug({ outboxId: row.id, parts: parts.length }, 'outbox row sent');
    return this.finish(row, 'sent');
  }

  private render(row: OutboxRow, reply: ReplyModel) {
    const { templates } = this.deps;
    switch (row.channel) {
      case 'app':
        return renderForApp(reply, `ob${row.id}`, templates).map((m) => ({ channel: 'app' as const, m }));
      case 'appchat':
        return renderForAppChat(reply).map((m) => ({ channel: 'appchat' as const, m }));
      case 'kf':
        return renderForKf(reply, templates).map((m) => ({ channel: 'kf' as const, m }));
    }
  }

  private async sendPart(
    row: OutboxRow,
    index: number,
    part: ReturnType<OutboxDispatcher['render']>[number],
    kfEventCode?: string,
  ) {
    const { db, api } = this.deps;
    let msgid: string | undefined;
    let invalidUsers: string | undefined;
    let responseCode: string | undefined;
    if (part.channel === 'app') {
      const answer = await api.sendMessage([row.recipient], part.m);
      msgid = answer.msgid;
      invalidUsers = answer.invaliduser || undefined;
      responseCode = answer.response_code || undefined;
    } else if (part.channel === 'appchat') {
      msgid = (await api.sendToAppChat(row.recipient, part.m)).msgid;
    } else {
      if (!row.openKfId)
        throw new WecomApiError('/cgi-bin/kf/send_msg', undefined, 'kf row without open_kfid', 'permanent');
      const ours = `ob${row.id}p${index}`;
      const answer = kfEventCode
        ? await api.kfSendMsgOnEvent({ code: kfEventCode, msgid: ours, message: part.m })
        : await api.kfSendMsg({
            openKfId: row.openKfId,
            externalUserId: row.recipient,
            msgid: ours,
            message: part.m,
          });
      msgid = answer.msgid ?? ours;
    }
    const now = this.deps.now();
    await db.transaction(async (tx) => {
      await tx.insert(outboxSends).values({
        outboxId: row.id,
        part: index,
        channel: row.channel,
        recipient: row.recipient,
        sentAt: now,
        wecomMsgId: msgid ?? null,
        invalidUsers: invalidUsers ?? null,
      });
      if (responseCode && part.channel === 'app' && part.m.msgtype === 'template_card') {
        await tx.insert(cardResponseCodes).values({
          responseCode,
          taskId: part.m.template_card.task_id ?? `ob${row.id}`,
          userId: row.recipient,
          source: 'send',
          createdAt: now,
        });
      }
    });
    if (invalidUsers)
      this.deps.log.warn({ outboxId: row.id, part: index }, 'WeCom reported invalid recipients');
  }

  /**
   * A 微信客服 resident cannot be reached until they write again: keep the reply (`held`), to be
   * released by their next message. Telling their caseworker needs staff roles (a later issue).
   */
  private async hold(row: OutboxRow, reason: string): Promise<Outcome> {
    await this.deps.db
      .update(outbox)
      .set({ status: 'held', lockedUntil: null, lastError: reason.slice(0, 500) })
      .where(eq(outbox.id, row.id));
    this.deps.log.warn({ outboxId: row.id, reason }, 'kf reply held: resident not reachable in chat for now');
    return 'deferred';
  }

  private async failed(row: OutboxRow, error: unknown): Promise<Outcome> {
    const reason = error instanceof Error ? error.message : String(error);
    const transient = error instanceof WecomApiError && error.kind === 'transient';
    const attempts = row.attempts + 1;
    this.deps.log.warn({ outboxId: row.id, attempts, transient, reason }, 'outbox send failed');
    if (!transient || attempts >= this.options.maxAttempts) {
      return this.finish(
        row,
        'dead',
        `${transient ? `gave up after ${attempts} attempts: ` : ''}${reason}`,
        attempts,
      );
    }
    const next = new Date(this.deps.now().getTime() + this.options.retryDelayMs(attempts));
    await this.deps.db
      .update(outbox)
      .set({ attempts, nextAttemptAt: next, lockedUntil: null, lastError: reason.slice(0, 500) })
      .where(eq(outbox.id, row.id));
    return 'failed';
  }

  private async finish(
    row: OutboxRow,
    status: 'sent' | 'dead',
    reason?: string,
    attempts?: number,
  ): Promise<Outcome> {
    const now = this.deps.now();
    await this.deps.db
      .update(outbox)
      .set({
        status,
        lockedUntil: null,
        sentAt: status === 'sent' ? now : null,
        attempts: attempts ?? row.attempts + 1,
        lastError: reason?.slice(0, 500) ?? row.lastError,
      })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')));
    if (status === 'dead') this.deps.log.error({ outboxId: row.id, reason }, 'outbox row dead-lettered');
    return status === 'sent' ? 'sent' : 'failed';
  }
}

import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { inboundMessages, outbox } from '../db/schema';
import { openInboundPayload } from '../inbox/inbound-payload';
import { describeError } from '../log/describe-error';
import type { Logger } from '../log/logger';
import { recordClickCode } from '../outbox/card-response-codes';
import type { ReplyModel } from '../outbox/reply-model';
import { storedReplyBody } from '../outbox/sealed-body';
import { findStaff } from '../staff/staff-directory';
import type { TemplateStore } from '../templates/template-store';
import { inboundMessageSchema, isEvent } from '../wecom/callback/inbound-message-schema';
import type { BotRouter } from './bot-router';
import { loadConversation, saveConversation } from './conversation-state';
import { coalesceFlood } from './flood-coalescing';
import { createTurnContext, type Notification, type StoredMessage } from './turn-context';
import { TurnRateLimit } from './turn-rate-limit';

export interface InboundWorkerOptions {
  /** Attempts before a message is marked failed and the user is told (default 3). */
  maxAttempts: number;
  /** Delay before the next attempt after a failure (default 2 s × attempt). */
  retryDelayMs: (attempt: number) => number;
  /** Conversations processed at the same time (default 4); one user's messages never overlap. */
  concurrency: number;
  /** How often stored-but-unprocessed messages are looked for (default 5 s). */
  sweepIntervalMs: number;
  /**
   * Turns of one conversation before it goes to the back of the queue (default 5): a user who
   * sends hundreds of messages shares the worker with everyone else instead of holding it.
   */
  maxTurnsPerSlice: number;
  /**
   * Turns per user per minute on this instance (default 20). Messages beyond it stay stored and
   * are processed when the minute has passed: a flood is slowed, never dropped.
   */
  perUserTurnsPerMinute: number;
  /**
   * Pending messages of one conversation beyond which it is a flood (default 10): text messages
   * a later pending one repeats are then skipped, and the user is told once (flood-coalescing.ts).
   */
  floodBacklog: number;
}

export interface InboundWorkerDeps {
  db: Db;
  router: BotRouter;
  templates: TemplateStore;
  /** Opens the stored (sealed) payloads. */
  cipher: PiiCipher;
  log: Logger;
  now: () => Date;
  /** Awaited before each turn; lets storage of new callbacks go first (see IngestGate). */
  yieldTo?: () => Promise<void>;
  /** Called after a turn committed outbox rows (wakes the dispatcher). */
  onOutbox?: () => void;
  /** Called after a turn on a photo, file, video or voice message committed (wakes the media fetcher). */
  onMediaMessage?: () => void;
}

/** Message types whose turn may record a resident's file to fetch. */
const MEDIA_MESSAGE_TYPES: ReadonlySet<string> = new Set(['image', 'voice', 'video', 'file']);

const DEFAULTS: InboundWorkerOptions = {
  maxAttempts: 3,
  retryDelayMs: (attempt) => 2_000 * attempt,
  concurrency: 4,
  sweepIntervalMs: 5_000,
  maxTurnsPerSlice: 5,
  perUserTurnsPerMinute: 20,
  floodBacklog: 10,
};

/** A user is told that repeats were skipped at most once in this long. */
const FLOOD_NOTICE_INTERVAL_MS = 10 * 60_000;

type StepOutcome = 'processed' | 'empty' | 'retry-later';

/**
 * Processes stored inbound messages. Per conversation, the oldest pending message goes first
 * and each runs in one transaction with its state change and outbox rows, under an advisory
 * lock on the conversation, so instances never overlap. A throwing handler rolls the whole
 * turn back (state as it was); after `maxAttempts` the message is marked failed and the user
 * gets an apology instead of silence. Pending rows are found again at start and by the sweep.
 */
export class InboundWorker {
  private readonly options: InboundWorkerOptions;
  private readonly queue = new Set<string>();
  private readonly active = new Map<string, Promise<void>>();
  private readonly rerun = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  /** The per-user limit: each conversation's turns of the last minute (this instance). */
  private readonly turnLimit: TurnRateLimit;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deps: InboundWorkerDeps,
    options: Partial<InboundWorkerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.turnLimit = new TurnRateLimit(this.options.perUserTurnsPerMinute);
  }

  /** Conversations the per-user limit remembers now (only those with a turn in the last minute). */
  get rateLimitedConversations(): number {
    return this.turnLimit.size;
  }

  /** Resumes whatever a previous run left pending, then sweeps periodically. */
  async start(): Promise<void> {
    await this.sweep();
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((error) => this.deps.log.warn({ err: error }, 'inbound sweep failed'));
    }, this.options.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** Stops taking work and waits for the turns in progress to commit or roll back. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.queue.clear();
    await Promise.all(this.active.values());
  }

  /** A new message was stored for this conversation. */
  notify(conversationKey: string): void {
    if (this.stopped) return;
    if (this.active.has(conversationKey)) this.rerun.add(conversationKey);
    else this.queue.add(conversationKey);
    this.pump();
  }

  /** Resolves when nothing is queued or running (tests and shutdown use it). */
  whenIdle(): Promise<void> {
    if (this.active.size === 0 && this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Queues every conversation that has a message due for processing. */
  async sweep(): Promise<void> {
    this.turnLimit.prune(this.deps.now());
    const rows = await this.deps.db
      .selectDistinct({ key: inboundMessages.conversationKey })
      .from(inboundMessages)
      .where(and(eq(inboundMessages.status, 'pending'), lte(inboundMessages.nextAttemptAt, this.deps.now())))
      .limit(1_000);
    for (const row of rows) this.notify(row.key);
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.options.concurrency && this.queue.size > 0) {
      const key = this.queue.values().next().value as string;
      this.queue.delete(key);
      const run = this.drain(key)
        .catch((error: unknown) =>
          this.deps.log.error({ err: error, conversation: key }, 'inbound drain failed'),
        )
        .finally(() => {
          this.active.delete(key);
          if (this.rerun.delete(key) && !this.stopped) this.queue.add(key);
          this.pump();
          if (this.active.size === 0 && (this.queue.size === 0 || this.stopped)) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
      this.active.set(key, run);
    }
  }

  private async drain(key: string): Promise<void> {
    for (let turns = 0; !this.stopped; turns++) {
      if (turns >= this.options.maxTurnsPerSlice) {
        // Others first: this conversation goes to the back of the queue with what it has left.
        this.rerun.add(key);
        return;
      }
      await this.deps.yieldTo?.();
      if ((await this.step(key)) !== 'processed') return;
    }
  }

  /**
   * Processes the oldest pending message of one conversation, if it is due. The handler runs in
   * a savepoint inside the locked transaction: if it throws, its changes roll back and the
   * failure is recorded under the same lock, so no other instance can take the row in between.
   */
  private async step(key: string): Promise<StepOutcome> {
    const { db, log } = this.deps;
    const now = this.deps.now();
    let repliesQueued = false;
    let mediaTurn = false;
    try {
      const outcome = await db.transaction(async (tx): Promise<StepOutcome> => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
        const [row] = await tx
          .select()
          .from(inboundMessages)
          .where(and(eq(inboundMessages.conversationKey, key), eq(inboundMessages.status, 'pending')))
          .orderBy(asc(inboundMessages.id))
          .limit(1);
        if (!row) return 'empty';
        if (row.msgType === 'text') {
          const { cipher } = this.deps;
          const flood = await coalesceFlood(tx, cipher, key, row.id, this.options.floodBacklog, now);
          if (flood.skipped.length > 0) {
            log.info(
              { conversation: key, skipped: flood.skipped.length },
              'flood: repeated messages skipped',
            );
            repliesQueued = await this.noticeFlood(tx, row, flood.skipped.length, now);
            // The next step takes the next pending message (the latest of its repeats).
            if (flood.headSkipped) return 'processed';
          }
        }
        if (row.nextAttemptAt > now) return 'retry-later';
        const allowed = this.turnLimit.check(key, now);
        if (!allowed.ok) {
          // Stored and kept; the sweep brings it back once the user's minute has passed.
          await tx
            .update(inboundMessages)
            .set({ nextAttemptAt: allowed.at })
            .where(eq(inboundMessages.id, row.id));
          log.info(
            { conversation: key, until: allowed.at.toISOString() },
            'user over the per-minute turn limit',
          );
          return 'retry-later';
        }
        this.turnLimit.count(key, now);
        mediaTurn = MEDIA_MESSAGE_TYPES.has(row.msgType);
        try {
          repliesQueued =
            (await tx.transaction((savepoint) => this.runTurn(savepoint, row, now))) || repliesQueued;
          return 'processed';
        } catch (error) {
          const final = await this.recordFailure(tx, row, error, now);
          repliesQueued ||= final;
          // A failed message no longer blocks the conversation; a pending one waits for its retry time.
          return final ? 'processed' : 'retry-later';
        }
      });
      if (repliesQueued) this.deps.onOutbox?.();
      if (mediaTurn && outcome === 'processed') this.deps.onMediaMessage?.();
      return outcome;
    } catch (error) {
      log.warn({ err: error, conversation: key }, 'inbound step did not commit; the sweep retries it');
      return 'retry-later';
    }
  }

  /** One turn: state, router, handlers, replies, done. Returns whether replies were queued. */
  private async runTurn(tx: Db, row: InboundRow, now: Date): Promise<boolean> {
    const { router, templates, log } = this.deps;
    const message = inboundMessageSchema.parse(openInboundPayload(this.deps.cipher, row));
    const openKfId =
      row.channel === 'kf' && typeof message.OpenKfId === 'string' ? message.OpenKfId : undefined;
    const stored: StoredMessage = {
      id: row.id,
      channel: row.channel,
      conversationKey: row.conversationKey,
      fromUser: row.fromUser,
      ...(openKfId ? { openKfId } : {}),
      message,
    };
    const turnLog = log.child({ inboundId: row.id, conversation: row.conversationKey });
    if (
      isEvent(message) &&
      message.Event === 'template_card_event' &&
      message.ResponseCode &&
      message.TaskId
    ) {
      await recordClickCode(
        tx,
        { responseCode: message.ResponseCode, taskId: message.TaskId, userId: row.fromUser },
        now,
      );
    }
    // Staff exist only in the corporation's own directory; a 微信客服 sender is always a resident.
    const staff = row.channel === 'app' ? await findStaff(tx, row.fromUser) : undefined;
    const ctx = createTurnContext(
      stored,
      await loadConversation(tx, row.conversationKey),
      now,
      turnLog,
      templates,
      tx,
      staff,
    );
    const route = await router.dispatch(ctx);
    ctx.state.lastActiveAt = now.toISOString();
    // What the user may answer with a number next turn: the choices just offered (none: forget).
    ctx.state.offeredChoices = ctx.replies.flatMap((r) => r.choices ?? []);
    await saveConversation(tx, row.conversationKey, ctx.state, now);
    await enqueueReplies(tx, this.deps.cipher, stored, ctx.replies, now);
    await enqueueNotifications(tx, row.id, ctx.notifications, now);
    await tx
      .update(inboundMessages)
      .set({ status: 'processed', processedAt: now, attempts: row.attempts + 1 })
      .where(eq(inboundMessages.id, row.id));
    turnLog.info(
      { route, replies: ctx.replies.length, notifications: ctx.notifications.length },
      'inbound processed',
    );
    return ctx.replies.length + ctx.notifications.length > 0;
  }

  /** Records a failed attempt; on the last one marks the message failed and apologises. */
  private async recordFailure(tx: Db, row: InboundRow, error: unknown, now: Date): Promise<boolean> {
    const attempts = row.attempts + 1;
    const final = attempts >= this.options.maxAttempts;
    this.deps.log.error({ err: error, inboundId: row.id, attempts, final }, 'inbound processing failed');
    await tx
      .update(inboundMessages)
      .set({
        attempts,
        lastError: describeError(error).slice(0, 500),
        status: final ? 'failed' : 'pending',
        nextAttemptAt: new Date(now.getTime() + this.options.retryDelayMs(attempts)),
      })
      .where(eq(inboundMessages.id, row.id));
    if (final) {
      const apology = { text: this.deps.templates.render('chat.processing-failed') };
      await enqueueReplies(tx, this.deps.cipher, this.replyTarget(row), [apology], now);
    }
    return final;
  }

  /** Tells the user that repeats were skipped, unless they were told within the interval. */
  private async noticeFlood(tx: Db, row: InboundRow, skipped: number, now: Date): Promise<boolean> {
    const state = await loadConversation(tx, row.conversationKey);
    const told = state.floodNoticeAt === null ? Number.NaN : Date.parse(state.floodNoticeAt);
    if (now.getTime() - told < FLOOD_NOTICE_INTERVAL_MS) return false;
    await saveConversation(tx, row.conversationKey, { ...state, floodNoticeAt: now.toISOString() }, now);
    const notice = { text: this.deps.templates.render('chat.flood-skipped', { count: skipped }) };
    await enqueueReplies(tx, this.deps.cipher, this.replyTarget(row), [notice], now);
    return true;
  }

  /** Where a reply to a stored message goes (a 微信客服 reply also needs the account). */
  private replyTarget(row: InboundRow): Pick<StoredMessage, 'id' | 'channel' | 'fromUser' | 'openKfId'> {
    let payload: unknown;
    try {
      payload = openInboundPayload(this.deps.cipher, row);
    } catch {
      payload = undefined;
    }
    const message = inboundMessageSchema.safeParse(payload);
    const openKfId =
      message.success && typeof message.data.OpenKfId === 'string' ? message.data.OpenKfId : undefined;
    return { id: row.id, channel: row.channel, fromUser: row.fromUser, ...(openKfId ? { openKfId } : {}) };
  }
}

type InboundRow = typeof inboundMessages.$inferSelect;

async function enqueueReplies(
  db: Db,
  cipher: PiiCipher,
  to: Pick<StoredMessage, 'id' | 'channel' | 'fromUser' | 'openKfId'>,
  replies: readonly ReplyModel[],
  now: Date,
): Promise<void> {
  if (replies.length === 0) return;
  await db.insert(outbox).values(
    replies.map((reply) => ({
      channel: to.channel,
      recipient: to.fromUser,
      openKfId: to.openKfId ?? null,
      body: storedReplyBody(cipher, reply),
      causedByInboundId: to.id,
      createdAt: now,
      nextAttemptAt: now,
    })),
  );
}

async function enqueueNotifications(
  db: Db,
  inboundId: number,
  notifications: readonly Notification[],
  now: Date,
): Promise<void> {
  if (notifications.length === 0) return;
  await db.insert(outbox).values(
    notifications.map((n) => ({
      channel: n.to.channel,
      recipient: n.to.userId,
      openKfId: n.to.openKfId ?? null,
      body: n.reply,
      causedByInboundId: inboundId,
      createdAt: now,
      nextAttemptAt: now,
    })),
  );
}

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { yieldToEventLoop } from '../async/event-loop';
import { PollLoop } from '../async/poll-loop';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { outbox, outboxSends } from '../db/schema';
import { describeError } from '../log/describe-error';
import type { Logger } from '../log/logger';
import type { TemplateStore } from '../templates/template-store';
import { WecomApiError } from '../wecom/api/api-error';
import type { WecomApiClient } from '../wecom/api/wecom-api-client';
import { type CardUpdate, readOutboxBody, recordSinglePart, sendCardUpdate } from './card-update';
import { appWidePause, DEFAULT_PAUSES, type PauseDurations } from './dispatch-pause';
import { type FileMessage, sendFile } from './file-message';
import { FullAppWindows } from './full-app-windows';
import { kfReplyWindow, residentWroteSince } from './kf-reply-window';
import { claimHeads, type OutboxRow, releaseBatch, releaseLease, renewLease, settle } from './outbox-lease';
import type { DeliveryOutcome, DeliveryReceipt, ReplyModel } from './reply-model';
import { recordPart, renderRow, sendPart } from './send-part';
import { DEFAULT_SEND_RATE_LIMITS, nextAllowedSend, type SendRateLimits } from './send-rate-limit';
import { tellCaseworkersResidentUnreachable } from './unreachable-resident';

export interface OutboxDispatcherOptions {
  /** Attempts (each after the API client's own retries) before a row is dead-lettered. */
  maxAttempts: number;
  /**
   * Probes of one row while WeCom is unavailable (-1, 5xx, network) before it is dead-lettered;
   * each probe follows an app-wide pause (default 120 × 30 s: an hour of outage).
   */
  maxOutageAttempts: number;
  retryDelayMs: (attempt: number) => number;
  limits: SendRateLimits;
  batchSize: number;
  pollIntervalMs: number;
  /** How long a claimed row stays invisible to other instances. */
  leaseMs: number;
  /** How long sending stops after an error that concerns the whole app. */
  pauses: PauseDurations;
}

const DEFAULTS: OutboxDispatcherOptions = {
  maxAttempts: 6,
  maxOutageAttempts: 120,
  retryDelayMs: (attempt) => Math.min(600_000, 5_000 * 2 ** (attempt - 1)),
  limits: DEFAULT_SEND_RATE_LIMITS,
  batchSize: 25,
  pollIntervalMs: 1_000,
  leaseMs: 120_000,
  pauses: DEFAULT_PAUSES,
};

export interface OutboxDispatcherDeps {
  db: Db;
  api: WecomApiClient;
  templates: TemplateStore;
  log: Logger;
  now: () => Date;
  /** Where files sent as messages are kept (file rows name a path under it). */
  dataDir?: string;
  /** Opens replies kept sealed because they show personal data (sealed-body.ts). */
  cipher?: PiiCipher;
  /**
   * Told what became of a message that asked for a receipt (a caseworker's answer to a hand-off);
   * answers whether it queued a message of its own (the dispatcher then runs again).
   */
  receipts?: (receipt: DeliveryReceipt, outcome: DeliveryOutcome, now: Date) => Promise<boolean>;
}

type Outcome = 'sent' | 'deferred' | 'failed' | 'lost-lease' | 'paused';

/**
 * Sends outbox rows through the WeCom API. Claims the head row of each recipient's queue (see
 * outbox-lease.ts), renews the lease before each part and fences every write on it, sends within
 * the rate limits, and records each acknowledged part before the next. Transient failures are
 * retried later; permanent ones and the last attempt dead-letter; errors that concern the whole
 * app pause sending instead (dispatch-pause.ts).
 *
 * Duplicate window: a part may reach a user twice only when WeCom accepted it but we did not learn
 * so — the process died during the call, or the call ended ambiguously (timeout, connection reset,
 * HTTP 5xx, unreadable answer) and was retried, or the database was unreachable when the part was
 * to be recorded. 微信客服 parts and cards carry our own id, and a replay WeCom refuses as a
 * duplicate is recorded as sent.
 */
export class OutboxDispatcher {
  private readonly options: OutboxDispatcherOptions;
  private readonly poll: PollLoop;
  private pausedUntil = 0;
  private readonly fullWindows: FullAppWindows;
  /** Tokens of batches a database error cut short: given back at the next run (not left blocking
   * each recipient's queue head until the lease runs out). */
  private readonly unreleased = new Set<string>();

  constructor(
    private readonly deps: OutboxDispatcherDeps,
    options: Partial<OutboxDispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options, limits: { ...DEFAULTS.limits, ...options.limits } };
    this.fullWindows = new FullAppWindows(deps.now, () => this.notify());
    this.poll = new PollLoop({
      intervalMs: this.options.pollIntervalMs,
      runOnce: () => this.runOnce(),
      onError: (error) => this.deps.log.error({ err: error }, 'outbox run failed; next poll retries'),
    });
  }

  start(): void {
    this.poll.start();
  }

  async stop(): Promise<void> {
    this.fullWindows.stop();
    await this.poll.stop();
    await this.giveBackUnreleased().catch((error: unknown) =>
      this.deps.log.warn({ err: error }, 'outbox leases not given back at stop; they run out by themselves'),
    );
  }

  /** New rows were committed: run soon (coalesced with a run in progress). */
  notify(): void {
    this.poll.notify();
  }

  /** Resolves when a run finds nothing more to send now (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.poll.whenIdle();
  }

  /** Claims and sends one batch; returns how many rows it claimed (0 while paused). */
  async runOnce(): Promise<number> {
    await this.giveBackUnreleased();
    const now = this.deps.now();
    if (now.getTime() < this.pausedUntil) return 0;
    const token = randomUUID();
    const { db } = this.deps;
    try {
      const { batchSize, leaseMs } = this.options;
      const rows = await claimHeads(db, now, batchSize, leaseMs, this.fullWindows.channels(now), token);
      for (const row of rows) {
        if (this.poll.stopped || this.deps.now().getTime() < this.pausedUntil) {
          await releaseBatch(db, token);
          break;
        }
        if (this.fullWindows.channels(this.deps.now()).includes(row.channel)) {
          await releaseLease(db, row);
          continue;
        }
        await yieldToEventLoop();
        await this.deliver(row);
      }
      return rows.length;
    } catch (error) {
      // A database error (even on the claim: its answer may be lost after it committed): the next
      // run gives back whatever is still leased under this batch's token.
      this.unreleased.add(token);
      throw error;
    }
  }

  private async giveBackUnreleased(): Promise<void> {
    for (const token of this.unreleased) {
      const released = await releaseBatch(this.deps.db, token);
      this.unreleased.delete(token);
      if (released > 0) this.deps.log.info({ released }, 'outbox leases of an interrupted batch given back');
    }
  }

  private async deliver(row: OutboxRow): Promise<Outcome> {
    const body = readOutboxBody(row.body, this.deps.cipher);
    if (!body) return this.finish(row, 'dead', 'outbox body is neither a reply model nor a card update');
    if (body.kind === 'card-update') return this.deliverCardUpdate(row, body.update);
    if (body.kind === 'file') return this.deliverFile(row, body.file);
    return this.deliverReply(row, body.reply);
  }

  private async deliverReply(row: OutboxRow, reply: ReplyModel): Promise<Outcome> {
    const { db, log } = this.deps;
    const parts = renderRow(row, reply, this.deps.templates);
    const done = new Set(
      (
        await db.select({ part: outboxSends.part }).from(outboxSends).where(eq(outboxSends.outboxId, row.id))
      ).map((r) => r.part),
    );
    for (const [index, part] of parts.entries()) {
      if (done.has(index)) continue;
      const now = this.deps.now();
      if (!(await renewLease(db, row, now, this.options.leaseMs))) return this.lostLease(row);
      const viaEventCode = row.channel === 'kf' && index === 0 && reply.kfEventCode !== undefined;
      if (row.channel === 'kf' && !viaEventCode) {
        const window = await kfReplyWindow(db, row.openKfId ?? '', row.recipient, now);
        if (!window.open) return this.hold(row, window.reason, now);
      }
      const allowed = await nextAllowedSend(db, this.options.limits, row.channel, row.recipient, now);
      if (allowed.appWide) this.fullWindows.full(row.channel, allowed.at);
      if (allowed.at > now) {
        await settle(db, row, { nextAttemptAt: allowed.at });
        return 'deferred';
      }
      // Keep the lease alive while WeCom answers, so no other instance takes the row mid-call.
      const heartbeat = setInterval(
        () => {
          renewLease(db, row, this.deps.now(), this.options.leaseMs).catch(() => {});
        },
        Math.max(10, Math.floor(this.options.leaseMs / 3)),
      );
      try {
        const code = viaEventCode ? reply.kfEventCode : undefined;
        const result = await sendPart(this.deps.api, row, index, part, code);
        await recordPart(db, row, index, part, result, this.deps.now());
        if (result.invalidUsers)
          log.warn({ outboxId: row.id, part: index }, 'WeCom reported invalid recipients');
      } catch (error) {
        return this.failed(row, error, viaEventCode, now);
      } finally {
        clearInterval(heartbeat);
      }
    }
    log.debug({ outboxId: row.id, parts: parts.length }, 'outbox row sent');
    return this.finish(row, 'sent');
  }

  /** Reports a settled row to whoever asked for a receipt; a failing report never blocks sending. */
  private async report(row: OutboxRow, outcome: DeliveryOutcome): Promise<void> {
    const { receipts, log } = this.deps;
    if (!receipts) return;
    const body = readOutboxBody(row.body, this.deps.cipher);
    if (body?.kind !== 'reply' || !body.reply.receipt) return;
    try {
      if (await receipts(body.reply.receipt, outcome, this.deps.now())) this.notify();
    } catch (error) {
      log.warn({ outboxId: row.id, outcome, err: error }, 'delivery receipt not recorded');
    }
  }

  /**
   * A card update (update_template_card) is one call with the code taken when the row was written.
   * It is not a message, so the member's send windows do not hold it back.
   */
  private async deliverCardUpdate(row: OutboxRow, update: CardUpdate): Promise<Outcome> {
    if (row.channel !== 'app')
      return this.finish(row, 'dead', 'card updates exist on the self-built app only');
    return this.deliverOnce(row, () => sendCardUpdate(this.deps.api, row, update));
  }

  /** A file to a member: uploaded again if the stored media id may have expired; one part. */
  private async deliverFile(row: OutboxRow, file: FileMessage): Promise<Outcome> {
    const { dataDir } = this.deps;
    if (row.channel !== 'app' || dataDir === undefined)
      return this.finish(row, 'dead', 'files go to members of the self-built app, from DATA_DIR');
    return this.deliverOnce(row, (now) => sendFile(this.deps.api, dataDir, row, file, now));
  }

  /**
   * A row that is a single call: recorded like a part (so a resumed row does not call again; it
   * also counts in the send windows, erring on the safe side), and fails and retries like any other.
   */
  private async deliverOnce(row: OutboxRow, call: (now: Date) => Promise<unknown>): Promise<Outcome> {
    const { db } = this.deps;
    const [done] = await db
      .select({ part: outboxSends.part })
      .from(outboxSends)
      .where(eq(outboxSends.outboxId, row.id));
    if (!done) {
      const now = this.deps.now();
      if (!(await renewLease(db, row, now, this.options.leaseMs))) return this.lostLease(row);
      try {
        await call(now);
        await recordSinglePart(db, row, this.deps.now());
      } catch (error) {
        return this.failed(row, error, false, now);
      }
    }
    return this.finish(row, 'sent');
  }

  /**
   * A 微信客服 resident cannot be reached until they write again: keep the reply (`held`), released
   * by their next message. If that message was stored while we decided, release at once; otherwise
   * the caseworkers of the resident's case are told (once a day) to reach them another way.
   */
  private async hold(row: OutboxRow, reason: string, decidedAt: Date): Promise<Outcome> {
    const { db, log } = this.deps;
    if (!(await settle(db, row, { status: 'held', lastError: reason.slice(0, 500) })))
      return this.lostLease(row);
    if (await residentWroteSince(db, row.openKfId ?? '', row.recipient, decidedAt)) {
      await db
        .update(outbox)
        .set({ status: 'pending' })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'held')));
      return 'deferred';
    }
    log.warn({ outboxId: row.id, reason }, 'kf reply held: resident not reachable in chat for now');
    await this.report(row, 'held');
    const told = await tellCaseworkersResidentUnreachable(
      db,
      this.deps.templates,
      { userId: row.recipient },
      decidedAt,
    );
    if (told > 0) this.notify();
    return 'deferred';
  }

  private async failed(
    row: OutboxRow,
    error: unknown,
    viaEventCode: boolean,
    decidedAt: Date,
  ): Promise<Outcome> {
    const reason = error instanceof WecomApiError ? error.message : describeError(error);
    const pause = appWidePause(error, this.options.pauses);
    if (pause?.outage) {
      // The whole app waits; the row that probed counts it, so a message WeCom keeps refusing
      // as busy for a long time still ends up with an operator rather than blocking its user.
      const attempts = row.attempts + 1;
      if (attempts >= this.options.maxOutageAttempts)
        return this.finish(
          row,
          'dead',
          `gave up after ${attempts} attempts while WeCom was unavailable: ${reason}`,
          attempts,
        );
      return this.pause(row, pause, attempts);
    }
    if (pause) return this.pause(row, pause);
    if (error instanceof WecomApiError && [95001, 95002].includes(error.errcode ?? 0)) {
      return this.hold(row, `held: ${reason}`, decidedAt);
    }
    if (viaEventCode && error instanceof WecomApiError && error.kind === 'permanent') {
      // The welcome code expired (20 s) or was used: the welcome waits for the resident instead.
      return this.hold(row, `held: welcome code refused (${reason})`, decidedAt);
    }
    // Only a WeCom verdict on this message is final; our own database errors and token races are not.
    const permanent = error instanceof WecomApiError && error.kind === 'permanent';
    const attempts = row.attempts + 1;
    this.deps.log.warn({ outboxId: row.id, attempts, permanent, reason }, 'outbox send failed');
    if (permanent || attempts >= this.options.maxAttempts) {
      return this.finish(
        row,
        'dead',
        `${permanent ? '' : `gave up after ${attempts} attempts: `}${reason}`,
        attempts,
      );
    }
    const next = new Date(this.deps.now().getTime() + this.options.retryDelayMs(attempts));
    const ok = await settle(this.deps.db, row, {
      attempts,
      nextAttemptAt: next,
      lastError: reason.slice(0, 500),
    });
    return ok ? 'failed' : 'lost-lease';
  }

  private async pause(
    row: OutboxRow,
    pause: { ms: number; reason: string },
    attempts?: number,
  ): Promise<Outcome> {
    const until = this.deps.now().getTime() + pause.ms;
    this.pausedUntil = Math.max(this.pausedUntil, until);
    await settle(this.deps.db, row, {
      ...(attempts === undefined ? {} : { attempts }),
      nextAttemptAt: new Date(until),
      lastError: pause.reason.slice(0, 500),
    });
    this.deps.log.error(
      { outboxId: row.id, reason: pause.reason, pausedMs: pause.ms },
      'outbox sending paused',
    );
    return 'paused';
  }

  private async finish(
    row: OutboxRow,
    status: 'sent' | 'dead',
    reason?: string,
    attempts?: number,
  ): Promise<Outcome> {
    const ok = await settle(this.deps.db, row, {
      status,
      sentAt: status === 'sent' ? this.deps.now() : null,
      attempts: attempts ?? row.attempts + 1,
      lastError: reason?.slice(0, 500) ?? row.lastError,
    });
    if (!ok) return this.lostLease(row);
    if (status === 'dead') this.deps.log.error({ outboxId: row.id, reason }, 'outbox row dead-lettered');
    await this.report(row, status === 'sent' ? 'sent' : 'failed');
    return status === 'sent' ? 'sent' : 'failed';
  }

  private lostLease(row: OutboxRow): Outcome {
    this.deps.log.warn({ outboxId: row.id }, 'outbox lease lost to another instance; leaving the row to it');
    return 'lost-lease';
  }
}

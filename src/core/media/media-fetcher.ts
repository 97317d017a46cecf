import { and, eq, inArray, sql } from 'drizzle-orm';
import { PollLoop } from '../async/poll-loop';
import type { Db } from '../db/database';
import { queryRows } from '../db/raw-query';
import { residentFiles } from '../db/schema';
import { describeError } from '../log/describe-error';
import type { Logger } from '../log/logger';
import { WecomApiError } from '../wecom/api/api-error';
import type { WecomApiClient } from '../wecom/api/wecom-api-client';
import { storeFile } from './file-storage';

export type ResidentFileRow = typeof residentFiles.$inferSelect;
type Outcome = Partial<
  Pick<
    ResidentFileRow,
    'status' | 'nextAttemptAt' | 'lastError' | 'storagePath' | 'contentType' | 'bytes' | 'sha256' | 'storedAt'
  >
>;

export interface MediaFetcherOptions {
  pollIntervalMs: number;
  /** Claims in all (each after the API client's own retries) before a row is marked failed. */
  maxAttempts: number;
  /** Wait after the `attempt`-th failed claim (1-based) before the next. */
  retryDelayMs: (attempt: number) => number;
  /**
   * How long a claimed row stays invisible to other instances. Longer than the API client's worst
   * case for one download with its default settings (a token fetch and 4 tries, each up to 10 s,
   * plus backoff: under 90 s), so a live download keeps its row.
   */
  leaseMs: number;
  /** Rows claimed per round, downloaded in parallel (each within its own lease). */
  batchSize: number;
}

const DEFAULTS: MediaFetcherOptions = {
  pollIntervalMs: 2_000,
  maxAttempts: 5,
  // 30 s, 2 min, 8 min, 32 min: rides out a WeCom or network outage of about 40 minutes, well
  // inside the 3 days a media_id lives.
  retryDelayMs: (attempt) => Math.min(3_600_000, 30_000 * 4 ** (attempt - 1)),
  leaseMs: 120_000,
  batchSize: 4,
};

export interface MediaFetcherDeps {
  db: Db;
  api: Pick<WecomApiClient, 'getMedia'>;
  /** DATA_DIR: files go under `<dataDir>/files/`. */
  dataDir: string;
  log: Logger;
  now: () => Date;
}

/**
 * Downloads the photos and files residents send (resident_files rows, inserted 'pending' by the
 * chat turn) through media/get while their media_id is still valid (3 days), and keeps them under
 * DATA_DIR. Rows are claimed in a short transaction (`FOR UPDATE SKIP LOCKED`, next_attempt_at
 * pushed out by a lease, attempts counted) so no database transaction is held during a download,
 * and instances never fetch the same row at once; a crashed instance's rows come back when the
 * lease runs out. Every later write is fenced on the claimed attempt number, so a row re-claimed
 * by another instance is left to it.
 */
export class MediaFetcher {
  private readonly options: MediaFetcherOptions;
  private readonly poll: PollLoop;

  constructor(
    private readonly deps: MediaFetcherDeps,
    options: Partial<MediaFetcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.poll = new PollLoop({
      intervalMs: this.options.pollIntervalMs,
      runOnce: () => this.runOnce(),
      onError: (error) =>
        this.deps.log.error({ err: describeError(error) }, 'media fetch run failed; next poll retries'),
    });
  }

  start(): void {
    this.poll.start();
  }

  /** Stops polling and waits for the downloads in flight to be stored or given back. */
  async stop(): Promise<void> {
    await this.poll.stop();
  }

  /** New rows were committed: run soon (coalesced with a run in progress). */
  notify(): void {
    this.poll.notify();
  }

  /** Resolves when a run finds nothing due now (rows waiting for a retry delay are not due). */
  whenIdle(): Promise<void> {
    return this.poll.whenIdle();
  }

  /** Claims one batch of due rows and fetches them; answers how many it claimed. */
  async runOnce(): Promise<number> {
    const rows = await this.claim();
    // allSettled: a database error on one row must not end the run while others still download.
    const results = await Promise.allSettled(rows.map((row) => this.fetch(row)));
    const rejected = results.find((result) => result.status === 'rejected');
    if (rejected) throw rejected.reason;
    return rows.length;
  }

  private claim(): Promise<ResidentFileRow[]> {
    const now = this.deps.now();
    const leaseEnd = new Date(now.getTime() + this.options.leaseMs);
    return this.deps.db.transaction(async (tx) => {
      const ids = await queryRows<{ id: string | number }>(
        tx,
        sql`select id from resident_files
            where status = 'pending' and next_attempt_at <= ${now}
            order by next_attempt_at, id limit ${this.options.batchSize}
            for update skip locked`,
      );
      if (ids.length === 0) return [];
      return tx
        .update(residentFiles)
        .set({ nextAttemptAt: leaseEnd, attempts: sql`${residentFiles.attempts} + 1` })
        .where(
          inArray(
            residentFiles.id,
            ids.map((r) => Number(r.id)),
          ),
        )
        .returning();
    });
  }

  private async fetch(row: ResidentFileRow): Promise<void> {
    const { log } = this.deps;
    try {
      const media = await this.deps.api.getMedia(row.mediaId);
      const stored = await storeFile({
        dataDir: this.deps.dataDir,
        rowId: row.id,
        data: media.data,
        contentType: media.contentType,
        filename: media.filename,
        receivedAt: row.createdAt,
      });
      const ok = await this.settle(row, {
        status: 'stored',
        storagePath: stored.path,
        contentType: media.contentType,
        bytes: stored.bytes,
        sha256: stored.sha256,
        storedAt: this.deps.now(),
        lastError: null,
      });
      if (ok)
        log.info({ fileId: row.id, bytes: stored.bytes, attempts: row.attempts }, 'resident file stored');
    } catch (error) {
      await this.failed(row, error);
    }
  }

  private async failed(row: ResidentFileRow, error: unknown): Promise<void> {
    const { log } = this.deps;
    const isApi = error instanceof WecomApiError;
    // Only WeCom's verdict on this media is final; disk, database and token trouble may pass.
    const permanent = isApi && error.kind === 'permanent';
    // WecomApiError messages name the path, errcode and meaning, never the errmsg WeCom echoes.
    const reason = (isApi ? error.message : describeError(error)).slice(0, 500);
    const errcode = isApi ? error.errcode : undefined;
    if (permanent || row.attempts >= this.options.maxAttempts) {
      const lastError = permanent ? reason : `gave up after ${row.attempts} attempts: ${reason}`;
      if (await this.settle(row, { status: 'failed', lastError: lastError.slice(0, 500) })) {
        log.error(
          { fileId: row.id, attempts: row.attempts, errcode, permanent, reason: lastError },
          'resident file could not be fetched; marked failed',
        );
      }
      return;
    }
    const next = new Date(this.deps.now().getTime() + this.options.retryDelayMs(row.attempts));
    if (await this.settle(row, { nextAttemptAt: next, lastError: reason })) {
      log.warn(
        { fileId: row.id, attempts: row.attempts, errcode, reason },
        'resident file fetch failed; will retry',
      );
    }
  }

  /**
   * Writes the outcome of a claimed row, only while it is still this claim: pending with the
   * attempt number we claimed. False (and a warning) when another instance re-claimed it after
   * our lease ran out; it then owns the row, and its copy of the file has the same name.
   */
  private async settle(row: ResidentFileRow, update: Outcome): Promise<boolean> {
    const settled = await this.deps.db
      .update(residentFiles)
      .set(update)
      .where(
        and(
          eq(residentFiles.id, row.id),
          eq(residentFiles.status, 'pending'),
          eq(residentFiles.attempts, row.attempts),
        ),
      )
      .returning({ id: residentFiles.id });
    if (settled.length > 0) return true;
    this.deps.log.warn(
      { fileId: row.id },
      'resident file lease lost to another instance; leaving the row to it',
    );
    return false;
  }
}

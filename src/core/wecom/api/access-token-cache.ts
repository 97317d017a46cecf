import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { wecomAccessTokens } from '../../db/schema';

/** Refresh this long before WeCom's stated expiry, so a call never carries a token about to lapse. */
const EARLY_REFRESH_MS = 5 * 60_000;
/**
 * WeCom may hand back the same token with only its remaining lifetime; a token fetched this
 * recently is used until (nearly) its real end rather than fetched again on every call.
 */
const MIN_REFRESH_INTERVAL_MS = 60_000;
const LAST_SECONDS_MS = 10_000;

export interface CachedToken {
  token: string;
  expiresAt: Date;
  fetchedAt: Date;
}

/**
 * Access tokens in the database, shared by every instance (docs/wecom.md §5.4: per-instance caches
 * cause invalid-token storms). One refresh at a time: in this process a shared promise, across
 * instances a transaction-scoped advisory lock, after which the row is read again.
 */
export class AccessTokenCache {
  private memory: CachedToken | undefined;
  private refreshing: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly cacheKey: string,
    private readonly fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
    private readonly now: () => Date,
    /**
     * PostgreSQL: lock across instances for the refresh. PGlite (one process, one connection):
     * the in-process promise suffices, and a transaction held over HTTP would stall every query.
     */
    private readonly lockAcrossInstances: boolean,
  ) {}

  async get(): Promise<string> {
    if (this.memory && this.fresh(this.memory)) return this.memory.token;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Drops a token WeCom refused (40014/42001), unless another caller already replaced it. */
  async invalidate(token: string): Promise<void> {
    if (this.memory?.token === token) this.memory = undefined;
    await this.db
      .delete(wecomAccessTokens)
      .where(
        sql`${wecomAccessTokens.cacheKey} = ${this.cacheKey} and ${wecomAccessTokens.accessToken} = ${token}`,
      );
  }

  private fresh(cached: CachedToken): boolean {
    const now = this.now().getTime();
    const left = cached.expiresAt.getTime() - now;
    const recentlyFetched = now - cached.fetchedAt.getTime() < MIN_REFRESH_INTERVAL_MS;
    return left > EARLY_REFRESH_MS || (recentlyFetched && left > LAST_SECONDS_MS);
  }

  private async refresh(): Promise<string> {
    const cached = this.lockAcrossInstances
      ? await this.db.transaction(async (tx) => {
          await tx.execute(
            sql`select pg_advisory_xact_lock(hashtextextended(${`token:${this.cacheKey}`}, 0))`,
          );
          return this.readOrFetch(tx);
        })
      : await this.readOrFetch(this.db);
    this.memory = cached;
    return cached.token;
  }

  private async readOrFetch(tx: Db): Promise<CachedToken> {
    const [row] = await tx
      .select()
      .from(wecomAccessTokens)
      .where(eq(wecomAccessTokens.cacheKey, this.cacheKey));
    const cached = row && { token: row.accessToken, expiresAt: row.expiresAt, fetchedAt: row.fetchedAt };
    if (cached && this.fresh(cached)) return cached;
    const fetched = await this.fetchToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + fetched.expiresInSeconds * 1000);
    await tx
      .insert(wecomAccessTokens)
      .values({ cacheKey: this.cacheKey, accessToken: fetched.token, expiresAt, fetchedAt: now })
      .onConflictDoUpdate({
        target: wecomAccessTokens.cacheKey,
        set: { accessToken: fetched.token, expiresAt, fetchedAt: now },
      });
    return { token: fetched.token, expiresAt, fetchedAt: now };
  }
}

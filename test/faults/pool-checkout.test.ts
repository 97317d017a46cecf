import { sql } from 'drizzle-orm';
import type { Pool, PoolClient } from 'pg';
import type { Database } from '../../src/core/db/database';
import { openPostgres } from '../../src/core/db/open-postgres';
import { TEST_DB_KIND } from '../support/test-database';

/**
 * A connection that dies between checkout and BEGIN must not cost a pool slot (drizzle-orm 0.45
 * leaks it, see src/core/db/pool-checkout-guard.ts): with one slot, the next transaction would wait for
 * the connect timeout and fail, and close() would never finish. PostgreSQL only: PGlite has no pool.
 */
const maybe = TEST_DB_KIND === 'postgres' ? describe : describe.skip;

maybe('pool checkouts after a lost connection (PostgreSQL only)', () => {
  let database: Database;
  let pool: Pool;
  beforeEach(async () => {
    // No tables are touched: plain `select`s only, so no schema of its own is needed.
    database = await openPostgres({ url: process.env.DATABASE_URL!, poolSize: 1 });
    pool = (database.db as unknown as { $client: Pool }).$client;
  });
  afterEach(async () => {
    // Bounded: a leaked client makes close() wait forever, and that is reported by the test itself.
    await closeWithin(database, 3_000);
  });

  /** The next checkout's connection is ended by the server before the caller's first statement. */
  const killNextCheckout = () =>
    pool.once('acquire', (client: PoolClient) => {
      // Queued ahead of the caller's BEGIN on the same connection.
      client.query('select pg_terminate_backend(pg_backend_pid())').catch(() => {});
    });

  it('a BEGIN on a dead connection fails, and the one slot serves the next transaction at once', async () => {
    killNextCheckout();
    await expect(database.db.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    expect(pool.totalCount).toBe(0);
    const t0 = Date.now();
    const answer = await database.db.transaction(async (tx) => tx.execute(sql`select 2 as n`));
    expect((answer as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
    // Well under the pool's 5 s connect timeout, which a leaked slot would have run into.
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(await closeWithin(database, 3_000)).toBe('closed');
  });

  it('a transaction that fails on a healthy connection rolls back and keeps its client pooled', async () => {
    await database.db.execute(sql`select 1`);
    await expect(database.db.transaction(async (tx) => tx.execute(sql`select 1 / 0`))).rejects.toThrow();
    expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 1, idle: 1 });
    const client = await pool.connect();
    const pid = (await client.query('select pg_backend_pid() as pid')).rows[0];
    client.release();
    expect(() => client.release()).not.toThrow();
    expect(pool.idleCount).toBe(1);
    expect(pid).toBeDefined();
  });

  it('a client given back inside a failed transaction is closed, not handed to the next caller', async () => {
    const client = await pool.connect();
    await client.query('begin');
    await expect(client.query('select 1 / 0')).rejects.toThrow();
    // Released without a rollback (as drizzle does when its ROLLBACK fails).
    client.release();
    expect(pool.totalCount).toBe(0);
    const answer = await database.db.execute(sql`select 4 as n`);
    expect((answer as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(4);
  });

  it('a transaction whose connection dies midway leaves no broken client in the pool', async () => {
    await expect(
      database.db.transaction(async (tx) => tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`)),
    ).rejects.toThrow();
    expect(pool.totalCount).toBe(0);
    const answer = await database.db.execute(sql`select 3 as n`);
    expect((answer as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(3);
  });
});

async function closeWithin(database: Database, ms: number): Promise<'closed' | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  return Promise.race([database.close().then(() => 'closed' as const), hung]).finally(() =>
    clearTimeout(timer),
  );
}

if (TEST_DB_KIND !== 'postgres') {
  it.skip('pool checkouts after a lost connection: PostgreSQL only (PGlite has no pool)', () => {});
}

import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import type { Database, Db } from './database';
import { appliedMigrations, MIGRATIONS_FOLDER, migrationCount } from './migrations';
import { guardCheckouts } from './pool-checkout-guard';
import { schema } from './schema';

/** Advisory-lock key under which instances take turns applying migrations. */
const MIGRATION_LOCK_KEY = 4_160_2023;

export interface PostgresOptions {
  url: string;
  /** Schema for tables and migration bookkeeping; tests use a fresh one per file. */
  searchPath?: string;
  poolSize?: number;
}

/** A PostgreSQL server through a node-postgres pool: used when DATABASE_URL is set. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // A connection cut without a reset (a half-open socket) must not hold a query forever: the
    // client gives up a little after the server's own statement timeout, and TCP keepalive notices.
    query_timeout: 65_000,
    keepAlive: true,
    // No wait may hang a turn or a shutdown forever: locks give up after 15 s, statements after 60 s.
    options: [
      '-c lock_timeout=15000',
      '-c statement_timeout=60000',
      ...(options.searchPath ? [`-c search_path=${options.searchPath}`] : []),
    ].join(' '),
  });
  // A client losing its connection (server restart, network cut) must not crash the process: the
  // pool's own listener covers idle clients only, so every client gets one when it connects. The
  // query in flight fails with its own error (the request answers 503, the turn is retried) and
  // the broken client is discarded by the pool when released.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  guardCheckouts(pool);
  const pgDb = drizzle(pool, { schema });
  const db = pgDb as unknown as Db;
  const migrationsSchema = options.searchPath ? `${options.searchPath}_drizzle` : 'drizzle';
  const expected = migrationCount();
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const lockClient = await pool.connect();
      try {
        await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migrate(pgDb, { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema });
      } finally {
        await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        lockClient.release();
      }
    },
    async isReady() {
      return appliedMigrations(db, migrationsSchema).then((n) => n >= expected);
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}

import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Schema } from './schema';

/**
 * The one query interface of the product. PGlite and node-postgres drivers both produce it,
 * and a transaction is one too, so every query is written once for both databases.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** An open database: the query interface plus what start-up, readiness and shutdown need. */
export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Applies pending migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /** True when the database answers and every migration in the repo has been applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

import type { SQL } from 'drizzle-orm';
import type { Db } from './database';

/**
 * Runs raw SQL and returns its rows. Both drivers answer `{ rows }`; the shared Db type only
 * knows `unknown`, so this is the single place that narrows it.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

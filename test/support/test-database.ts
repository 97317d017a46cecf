import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Pool } from 'pg';
import type { Database } from '../../src/core/db/database';
import { openPglite } from '../../src/core/db/open-pglite';
import { openPostgres } from '../../src/core/db/open-postgres';

/** Which database this test run uses: the PostgreSQL server when DATABASE_URL is set. */
export const TEST_DB_KIND: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A migrated, empty database for one test file. PGlite: a clone of the dump made in global
 * setup. PostgreSQL: a fresh schema (dropped by `dispose`), so parallel files never share rows.
 */
export async function openTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dump = process.env.TEST_PGLITE_DUMP;
    if (!dump) throw new Error('TEST_PGLITE_DUMP missing: run through jest (global setup)');
    const database = await openPglite({ clone: new Blob([fs.readFileSync(dump)]) });
    return Object.assign(database, { dispose: () => database.close() });
  }
  const schemaName = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schemaName}`);
  const database = await openPostgres({ url, searchPath: schemaName, poolSize: 4 });
  await database.migrate();
  return Object.assign(database, {
    async dispose() {
      await database.close().catch(() => {});
      await adminQuery(
        url,
        `drop schema if exists ${schemaName} cascade; drop schema if exists ${schemaName}_drizzle cascade`,
      );
    },
  });
}

async function adminQuery(url: string, text: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await pool.query(text);
  } finally {
    await pool.end();
  }
}

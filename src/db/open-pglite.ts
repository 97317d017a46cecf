import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { lockDataDir } from './data-dir-lock';
import type { Database, Db } from './database';
import { appliedMigrations, MIGRATIONS_FOLDER, migrationCount } from './migrations';
import { schema } from './schema';

export type PgliteSource = { dataDir: string } | { clone: Blob } | { memory: true };

/**
 * Embedded PostgreSQL (WASM) in-process: the default when DATABASE_URL is unset. One process
 * owns a data folder; a second process must not open the same folder.
 */
export async function openPglite(source: PgliteSource, migrationsSchema = 'drizzle'): Promise<Database> {
  let client: PGlite;
  let unlock = () => {};
  if ('dataDir' in source) {
    unlock = lockDataDir(source.dataDir);
    try {
      client = await PGlite.create(source.dataDir);
    } catch (error) {
      unlock();
      throw error;
    }
  } else if ('clone' in source) {
    client = await PGlite.create({ loadDataDir: source.clone });
  } else {
    client = await PGlite.create();
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  const expected = migrationCount();
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema });
    },
    async isReady() {
      return appliedMigrations(db, migrationsSchema).then((n) => n >= expected);
    },
    async close() {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

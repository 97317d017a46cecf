import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { lockDataDir } from './data-dir-lock';
import type { Database, Db } from './database';
import { appliedMigrations, MIGRATIONS_FOLDER, migrationCount } from './migrations';
import { initdbInChild, needsInitdb } from './pglite-initdb';
import { restrictTree } from './private-data-dir';
import { schema } from './schema';

/**
 * PGlite's own start parameters with a smaller buffer cache: 128 MB of shared_buffers is sized for
 * a server, while a county's caseload fits in a fraction of it and the files stay in the OS cache.
 */
const PGLITE_START_PARAMS = [
  '--single',
  '-F',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
  '-c',
  'shared_buffers=32MB',
];

export type PgliteSource = { dataDir: string } | { clone: Blob } | { memory: true };

/**
 * Embedded PostgreSQL (WASM) in-process: the default when DATABASE_URL is unset. One process
 * owns a data folder; a second process must not open the same folder.
 */
export async function openPglite(source: PgliteSource, migrationsSchema = 'drizzle'): Promise<Database> {
  let client: PGlite;
  let unlock = () => {};
  if ('dataDir' in source) {
    const dataDir = source.dataDir;
    const release = lockDataDir(dataDir);
    // PGlite writes files 0666 whatever the umask: what it wrote while open is made private too.
    unlock = () => {
      restrictTree(dataDir);
      release();
    };
    try {
      if (needsInitdb(dataDir)) await initdbInChild(dataDir);
      client = await PGlite.create(dataDir, { startParams: PGLITE_START_PARAMS });
      restrictTree(dataDir);
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

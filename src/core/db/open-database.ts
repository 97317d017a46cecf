import path from 'node:path';
import type { Database } from './database';
import { openPglite } from './open-pglite';
import { openPostgres } from './open-postgres';
import { preparePrivateDataDir } from './private-data-dir';

/**
 * DATABASE_URL set: the PostgreSQL server; unset: PGlite in DATA_DIR. Migrated before use. Refuses
 * (UnsafeDataDir) a DATA_DIR that others may read.
 */
export async function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<Database> {
  // DATA_DIR holds residents' files even when the database is a server: private either way.
  preparePrivateDataDir(config.dataDir);
  const database = config.databaseUrl
    ? await openPostgres({ url: config.databaseUrl })
    : await openPglite({ dataDir: path.join(config.dataDir, 'pglite') });
  try {
    await database.migrate();
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}

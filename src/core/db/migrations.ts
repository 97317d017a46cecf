import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { projectRoot } from '../project-root';
import type { Db } from './database';
import { queryRows } from './raw-query';

export const MIGRATIONS_FOLDER = path.join(projectRoot(), 'src', 'core', 'db', 'migrations');

const journalSchema = z.object({ entries: z.array(z.object({ tag: z.string() })) });

/** How many migrations the repo holds (drizzle-kit's journal), for the readiness check. */
export function migrationCount(): number {
  const journal = journalSchema.parse(
    JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')),
  );
  return journal.entries.length;
}

/** Count of applied migrations, or -1 when the database does not answer. */
export async function appliedMigrations(db: Db, migrationsSchema: string): Promise<number> {
  try {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(migrationsSchema)}.__drizzle_migrations`,
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return -1;
  }
}

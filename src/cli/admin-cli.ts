/**
 * `npm run admin -- …`: staff roles and townships, and the bureau's commands, against the same
 * database the service uses (DATABASE_URL or PGlite in DATA_DIR; stop a PGlite-backed service
 * first, one process owns its folder).
 */
import fs from 'node:fs';
import { createBureauCliDeps } from '../bureau/bureau-cli-deps';
import { systemClock } from '../clock/clock';
import { loadConfig } from '../config/load-config';
import { loadTownships } from '../config/load-townships';
import { openDatabase } from '../db/open-database';
import { syncTownships } from '../services/township-directory';
import { runAdmin } from './admin-commands';

async function main(argv: string[]): Promise<number> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const townships = loadTownships();
  const database = await openDatabase(config);
  try {
    await syncTownships(database.db, townships);
    return await runAdmin(argv, {
      db: database.db,
      townships,
      now: systemClock(),
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      bureau: createBureauCliDeps(config),
    });
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

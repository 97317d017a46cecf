/**
 * `npm run admin -- …`: staff roles and townships, and the bureau's commands, against the same
 * database the service uses (DATABASE_URL or PGlite in DATA_DIR; stop a PGlite-backed service
 * first, one process owns its folder).
 */
import fs from 'node:fs';
import { systemClock } from '../../core/clock/clock';
import { loadConfig } from '../../core/config/load-config';
import { DataDirInUse } from '../../core/db/data-dir-lock';
import { openDatabase } from '../../core/db/open-database';
import { syncTownships } from '../../core/staff/township-directory';
import { compose } from '../compose';
import { ADMIN_USAGE, runAdmin } from './admin-commands';
import { createBureauCliDeps } from './bureau-cli-deps';

async function main(argv: string[]): Promise<number> {
  // Usage needs no configuration or database: print it at once.
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!)) {
    process.stdout.write(`${ADMIN_USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const { townships } = compose();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (!(error instanceof DataDirInUse)) throw error;
    // One process owns a PGlite folder: while the service runs on it, say where the same work is.
    process.stderr.write(
      `admin: ${error.message}\n` +
        'While the service runs on embedded PGlite, the bureau works in chat (月报, 档案检查 <编号>) and staff print ' +
        'with 文书/档案 <编号> or on the workbench (/workbench); staff changes need the service stopped. ' +
        'With DATABASE_URL (PostgreSQL) the admin commands run beside the service.\n',
    );
    return 75;
  }
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

/**
 * `npm run admin -- …`: staff roles and townships, and the bureau's commands, against the same
 * database the service uses (DATABASE_URL, or PGlite in DATA_DIR: while a service owns that
 * folder, the command runs inside it through DATA_DIR/admin.sock).
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../core/clock/clock';
import { loadConfig } from '../../core/config/load-config';
import { DataDirInUse } from '../../core/db/data-dir-lock';
import { openDatabase } from '../../core/db/open-database';
import { syncTownships } from '../../core/staff/township-directory';
import { compose } from '../compose';
import { ADMIN_USAGE, runAdmin } from './admin-commands';
import { runInService } from './admin-socket';
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
    // One process owns a PGlite folder: the running service runs the command for us.
    const code = await runInService(config.dataDir, absolutePaths(argv));
    if (code !== undefined) return code;
    process.stderr.write(
      `admin: ${error.message}\n` +
        'The service using it does not answer on DATA_DIR/admin.sock (an older version, or it is starting): ' +
        'retry in a moment, or stop it. The bureau also works in chat (帮助 as a supervisor) and on /workbench.\n',
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

/** Paths given to the command, made absolute: the service that runs it has its own working directory. */
function absolutePaths(argv: string[]): string[] {
  const [group] = argv;
  return argv.map((arg, i) =>
    argv[i - 1] === '--out' || (group === 'import-warnings' && i === 1)
      ? path.resolve(arg)
      : arg.startsWith('--out=')
        ? `--out=${path.resolve(arg.slice(6))}`
        : arg,
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

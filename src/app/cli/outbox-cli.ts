/**
 * `npm run outbox -- list [pending|sent|dead|held] | show ID | retry ID [ID…]`: the operator's view of
 * the outbox, against the same database the service uses (DATABASE_URL, or PGlite in DATA_DIR:
 * while a service owns that folder, the command runs inside it through DATA_DIR/admin.sock).
 */
import fs from 'node:fs';
import { systemClock } from '../../core/clock/clock';
import { loadConfig } from '../../core/config/load-config';
import { DataDirInUse } from '../../core/db/data-dir-lock';
import { openDatabase } from '../../core/db/open-database';
import { runInService } from './admin-socket';
import { runOutboxCommand } from './outbox-commands';

async function main(argv: string[]): Promise<number> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (!(error instanceof DataDirInUse)) throw error;
    const code = await runInService(config.dataDir, ['outbox', ...argv]);
    if (code === undefined) {
      process.stderr.write(
        `outbox: ${error.message}\nThe service using it does not answer on DATA_DIR/admin.sock: retry in a moment, or stop it.\n`,
      );
      return 75;
    }
    return code;
  }
  try {
    return await runOutboxCommand(argv, {
      db: database.db,
      now: systemClock(),
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`outbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

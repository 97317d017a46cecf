/**
 * `npm run outbox -- list [pending|sent|dead|held] | show ID | retry ID [ID…]`: the operator's view of
 * the outbox, against the same database the service uses (DATABASE_URL or PGlite in DATA_DIR;
 * stop a PGlite-backed service first, one process owns its folder).
 */
import { systemClock } from '../../core/clock/clock';
import { loadConfig } from '../../core/config/load-config';
import { openDatabase } from '../../core/db/open-database';
import { listOutbox, type OutboxStatus, retryDeadOutbox, showOutbox } from '../../core/outbox/outbox-admin';

const USAGE = 'usage: npm run outbox -- list [pending|sent|dead|held] | show ID | retry ID [ID...]';

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig(process.env);
  const database = await openDatabase(config);
  try {
    if (command === 'list') {
      const status = args[0] as OutboxStatus | undefined;
      if (status && !['pending', 'sent', 'dead', 'held'].includes(status)) return fail(USAGE);
      for (const r of await listOutbox(database.db, status)) {
        const error = r.lastError ? `  ${r.lastError}` : '';
        process.stdout.write(
          `${r.id}\t${r.status}\t${r.channel}:${r.recipient}\tattempts ${r.attempts}\t${r.createdAt.toISOString()}${error}\n`,
        );
      }
      return 0;
    }
    const ids = args.map(Number);
    if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) return fail(USAGE);
    if (command === 'show') {
      const found = await showOutbox(database.db, ids[0]!);
      if (!found) return fail(`outbox row ${ids[0]} not found`);
      process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      return 0;
    }
    if (command === 'retry') {
      const requeued = await retryDeadOutbox(database.db, ids, systemClock());
      const skipped = ids.filter((id) => !requeued.includes(id));
      process.stdout.write(`re-queued: ${requeued.join(', ') || 'none'}\n`);
      if (skipped.length > 0)
        process.stdout.write(`not dead (or unknown), left alone: ${skipped.join(', ')}\n`);
      return 0;
    }
    return fail(USAGE);
  } finally {
    await database.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`outbox: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

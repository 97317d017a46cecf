import type { Db } from '../../core/db/database';
import { listOutbox, type OutboxStatus, retryDeadOutbox, showOutbox } from '../../core/outbox/outbox-admin';

export const OUTBOX_USAGE =
  'usage: npm run outbox -- list [pending|sent|dead|held] | show ID | retry ID [ID...]';

export interface OutboxIo {
  db: Db;
  now: Date;
  out(line: string): void;
  err(line: string): void;
}

/**
 * The operator's view of the outbox: list, show one row, re-queue dead rows. Answers the exit
 * code (0 done, 2 a usage problem). Run by `npm run outbox` and, beside a PGlite service, inside it.
 */
export async function runOutboxCommand(argv: string[], io: OutboxIo): Promise<number> {
  const [command, ...args] = argv;
  const fail = (message: string) => {
    io.err(message);
    return 2;
  };
  if (command === 'list') {
    const status = args[0] as OutboxStatus | undefined;
    if (status && !['pending', 'sent', 'dead', 'held'].includes(status)) return fail(OUTBOX_USAGE);
    for (const r of await listOutbox(io.db, status)) {
      const error = r.lastError ? `  ${r.lastError}` : '';
      io.out(
        `${r.id}\t${r.status}\t${r.channel}:${r.recipient}\tattempts ${r.attempts}\t${r.createdAt.toISOString()}${error}`,
      );
    }
    return 0;
  }
  const ids = args.map(Number);
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) return fail(OUTBOX_USAGE);
  if (command === 'show') {
    const found = await showOutbox(io.db, ids[0]!);
    if (!found) return fail(`outbox row ${ids[0]} not found`);
    io.out(JSON.stringify(found, null, 2));
    return 0;
  }
  if (command === 'retry') {
    const requeued = await retryDeadOutbox(io.db, ids, io.now);
    const skipped = ids.filter((id) => !requeued.includes(id));
    io.out(`re-queued: ${requeued.join(', ') || 'none'}`);
    if (skipped.length > 0) io.out(`not dead (or unknown), left alone: ${skipped.join(', ')}`);
    return 0;
  }
  return fail(OUTBOX_USAGE);
}

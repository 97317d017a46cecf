/**
 * kill -9 under load, at scale: `node --import tsx scripts/faults/kill-restart.ts [--callbacks 400]
 * [--kills 5] [--concurrency 16] [--users 20] [--min-drain-ms 125000] [--drain-ms 200000]`;
 * it waits out the 120 s lease a killed process held, then expects every reply sent; with DATABASE_URL set, on a
 * dedicated database created on that server (dropped after). Prints the figures as JSON and exits
 * 1 if a callback answered 200 was lost or processed twice, or a reply was lost.
 */
import { parseArgs } from 'node:util';
import { runKillRestart } from './kill-harness';

const { values } = parseArgs({
  options: {
    callbacks: { type: 'string', default: '400' },
    kills: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    users: { type: 'string', default: '20' },
    'drain-ms': { type: 'string', default: '200000' },
    'min-drain-ms': { type: 'string', default: '125000' },
  },
});

async function main(): Promise<void> {
  const result = await runKillRestart({
    callbacks: Number(values.callbacks),
    kills: Number(values.kills),
    concurrency: Number(values.concurrency),
    users: Number(values.users),
    drainMs: Number(values['drain-ms']),
    minDrainMs: Number(values['min-drain-ms']),
    postgresUrl: process.env.DATABASE_URL || undefined,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const lost =
    result.answered200NotStored.length +
    result.answered200NotProcessed.length +
    result.duplicateMsgIds +
    result.processedWithoutReply +
    (result.outboxByStatus.dead ?? 0) +
    (result.outboxByStatus.pending ?? 0);
  process.exit(lost > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

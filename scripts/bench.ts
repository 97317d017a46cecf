/**
 * `npm run bench`: every benchmark, printed as figures anyone can reproduce on this machine.
 * Set DATABASE_URL to measure against a PostgreSQL server instead of the embedded PGlite.
 */
import { benchCallbackIngest } from './bench/callback-ingest';
import { benchDeadlineScan } from './bench/deadline-scan';
import { benchKnowledgeRetrieval } from './bench/knowledge-retrieval';
import { benchOutboxRate } from './bench/outbox-rate';

const BENCHES: [string, () => Promise<string[]>][] = [
  ['callback-ingest', benchCallbackIngest],
  ['outbox-rate', benchOutboxRate],
  ['knowledge-retrieval', benchKnowledgeRetrieval],
  ['deadline-scan', benchDeadlineScan],
];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, run] of BENCHES) {
    if (only && only !== name) continue;
    const lines = await run();
    process.stdout.write(`\n## ${name}\n${lines.join('\n')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * `npm run bench`: every benchmark, printed as figures anyone can reproduce on this machine, and
 * written to docs/benchmarks.md (machine, date, figures, how to reproduce) when all of them ran.
 * `npm run bench -- NAME` runs one and replaces only its section there. Set DATABASE_URL to measure against a
 * PostgreSQL server instead of the embedded PGlite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/core/project-root';
import { benchCallbackIngest } from './bench/callback-ingest';
import { benchCallbackJunk } from './bench/callback-junk';
import { benchDeadlineScan } from './bench/deadline-scan';
import { benchDocuments } from './bench/documents';
import { benchKnowledgeRetrieval } from './bench/knowledge-retrieval';
import { benchMemory } from './bench/memory';
import { benchOutboxRate } from './bench/outbox-rate';
import { benchWorkbenchPages } from './bench/workbench-pages';

const BENCHES: [string, () => Promise<string[]>][] = [
  ['callback-ingest', benchCallbackIngest],
  ['callback-junk', benchCallbackJunk],
  ['outbox-rate', benchOutboxRate],
  ['knowledge-retrieval', benchKnowledgeRetrieval],
  ['deadline-scan', benchDeadlineScan],
  ['memory', benchMemory],
  ['documents', benchDocuments],
  ['workbench-pages', benchWorkbenchPages],
];

/** Environment variables that change what a benchmark does, recorded with the figures. */
const KNOBS = [
  'DATABASE_URL',
  'BENCH_REQUESTS',
  'BENCH_CONCURRENCY',
  'BENCH_MEMORY_CALLBACKS',
  'BENCH_DOCUMENT_ROUNDS',
];

async function main(): Promise<void> {
  const only = process.argv[2];
  const sections: string[] = [];
  for (const [name, run] of BENCHES) {
    if (only && only !== name) continue;
    const lines = await run();
    process.stdout.write(`\n## ${name}\n${lines.join('\n')}\n`);
    sections.push(`## ${name}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`);
  }
  if (!only) writeReport(sections);
  else if (sections[0]) replaceSection(only, sections[0]);
}

/**
 * One benchmark run alone replaces its own section of docs/benchmarks.md (the others keep the
 * figures of their last run), marked with the day it ran, so the file never shows stale figures
 * for what was just measured.
 */
function replaceSection(name: string, section: string): void {
  const file = path.join(projectRoot(), 'docs', 'benchmarks.md');
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const dated = section.replace(`## ${name}\n`, `## ${name}\n\n(run alone on ${new Date().toISOString()})\n`);
  // A section not there yet goes before the table of sizes.
  const start = text.indexOf(`## ${name}\n`);
  const at = start >= 0 ? start : text.indexOf('## Sizes');
  if (at < 0) return;
  const next = start >= 0 ? text.indexOf('\n## ', start + 1) : at - 1;
  const rest = next < 0 ? '' : text.slice(next + 1);
  fs.writeFileSync(file, `${text.slice(0, at)}${dated}\n${rest}`);
  process.stdout.write(`\nupdated: docs/benchmarks.md, section ${name}\n`);
}

function writeReport(sections: string[]): void {
  const cpus = os.cpus();
  const knobs = KNOBS.filter((k) => process.env[k]).map(
    (k) => `${k}=${k === 'DATABASE_URL' ? '(set)' : process.env[k]}`,
  );
  const text = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString()}; do not edit by hand.

- machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}
- node ${process.version}; load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}
- settings: ${knobs.length > 0 ? knobs.join(', ') : 'defaults'}

Reproduce: \`npm ci && npm run bench\` (one benchmark: \`npm run bench -- deadline-scan\`). The
deadline scan needs the PostgreSQL server (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test);
the memory run takes \`BENCH_MEMORY_CALLBACKS\` per round (default 100,000: well over an hour on two cores, as turns slow down while replies queue behind WeCom's send limit).

${sections.join('\n')}
## Sizes (environment variables, bench only)

| variable | default | used by |
| --- | --- | --- |
| \`BENCH_REQUESTS\` | 3000 | callback-load, callback-ingest: callbacks sent |
| \`BENCH_CONCURRENCY\` | 32 | callback-load, callback-ingest: connections at once |
| \`BENCH_MEMORY_CALLBACKS\` | 100000 | memory: callbacks per round |
| \`BENCH_OUTBOX_MESSAGES\` | 10000 | outbox-rate: messages queued |
| \`BENCH_OUTBOX_SPEED\` | 6 | outbox-rate: how many times faster than real time the fake clock runs |
| \`BENCH_SCAN_CASES\` | 100000 | deadline-scan: open cases |
| \`BENCH_TODAY\` | 2026-11-05 | deadline-scan: the day the sweep runs on |
| \`BENCH_SHOW_MISSES\` | 15 | knowledge-retrieval: misses printed per set |
| \`BENCH_DOCUMENT_ROUNDS\` | 10 | documents: documents and archives generated per measure |
| \`BENCH_NODE_ARGS\` | — | extra Node flags for measured servers, e.g. \`--cpu-prof\` |
`;
  fs.writeFileSync(path.join(projectRoot(), 'docs', 'benchmarks.md'), text);
  process.stdout.write('\nwritten: docs/benchmarks.md\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

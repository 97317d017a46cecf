import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { openPglite } from '../../src/core/db/open-pglite';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { loadOrCreateSandboxCredentials } from '../../src/sandbox/sandbox-credentials';
import { childEnv } from '../child-env';

/**
 * Issue 7 §2, kill -9: the real server (`node --import tsx src/app/main.ts`, sandbox mode) as a child
 * process, signed callbacks fired at it concurrently, SIGKILL mid-flight, restart on the same
 * DATA_DIR (and database), and at the end a count from the database of what was processed and sent.
 * Shared by test/faults/kill-restart.test.ts (small) and scripts/faults/kill-restart.ts (large).
 */

const root = path.resolve(__dirname, '../..');

export interface KillRunOptions {
  /** Callbacks fired in all, and at how many kills they are split. */
  callbacks: number;
  kills: number;
  /** Callbacks in flight at once. */
  concurrency: number;
  users: number;
  /** A PostgreSQL server URL: a dedicated database is created there and dropped after. */
  postgresUrl?: string;
  /** Longest wait for the queue to drain after the last restart (the lease of a row claimed at a kill is 120 s). */
  drainMs: number;
  /** Wait at least this long after the last restart before calling the queue drained (125 s outlasts a dead lease). */
  minDrainMs?: number;
  log?: (line: string) => void;
}

export interface KillRunResult {
  database: 'pglite' | 'postgres';
  fired: number;
  answered200: number;
  answeredOther: number;
  notAnswered: number;
  kills: number;
  startsMs: number[];
  inboundRows: number;
  duplicateMsgIds: number;
  answered200NotStored: string[];
  answered200NotProcessed: string[];
  inboundByStatus: Record<string, number>;
  processedWithoutReply: number;
  outboxByStatus: Record<string, number>;
  /** Rows still pending because a killed process held their lease (not lost: sent when it expires). */
  pendingUnderDeadLease: number;
  partsRecorded: number;
  /** Rows queued before a kill and sent after it: those whose send a kill may have cut (duplicate window). */
  queuedAtKillThenSent: number;
  /**
   * fakeAcceptedSeen − partsRecorded, when positive: parts WeCom accepted that we did not record
   * (the process died between the call and the commit) — each is sent again: the duplicate window.
   */
  acceptedNotRecorded: number;
  /** Pending rows whose recipient's queue head is leased by a killed process (held up to 120 s, not lost). */
  pendingBehindDeadLease: number;
  /** What the fake WeCom accepted, summed over the lives (each life's fake dies with it; polled). */
  fakeAcceptedSeen: number;
  totalMs: number;
}

interface Life {
  child: ChildProcess;
  url: string;
  fakeUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Life> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: root,
    env: childEnv({ LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const end = Date.now() + 60_000;
  for (;;) {
    const service = output.match(/Callback endpoint\s+(http:\/\/127\.0\.0\.1:\d+)\/wecom\/callback/);
    const fake = output.match(/Fake WeCom API\s+(http:\/\/127\.0\.0\.1:\d+)/);
    if (service && fake) return { child, url: service[1]!, fakeUrl: fake[1]!, output: () => output, exited };
    if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runKillRestart(options: KillRunOptions): Promise<KillRunResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-kill-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0' };
  let dbName: string | undefined;
  let admin: Pool | undefined;
  if (options.postgresUrl) {
    // A database of its own: DATABASE_URL cannot name a schema for the product's migrations.
    dbName = `faults_kill_${process.pid}_${Date.now().toString(36)}`;
    admin = new Pool({ connectionString: options.postgresUrl, max: 1 });
    await admin.query(`create database ${dbName}`);
    const u = new URL(options.postgresUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  const status = new Map<string, number | 'none'>();
  const startsMs: number[] = [];
  const killTimes: number[] = [];
  let life: Life | undefined;
  let fakeSeen = 0;
  let fakeNext = 0;
  let lastBoot = 0;
  try {
    const boot = async () => {
      const t = Date.now();
      life = await startServer(env);
      lastBoot = Date.now();
      fakeNext = 0;
      startsMs.push(Date.now() - t);
    };
    await boot();
    const credentials = loadOrCreateSandboxCredentials(dataDir);
    const pollFake = async () => {
      if (!life) return;
      try {
        const res = await fetch(`${life.fakeUrl}/sandbox/sent?after=${fakeNext}`);
        const body = (await res.json()) as { next: number; sent: unknown[] };
        fakeSeen += body.sent.length;
        fakeNext = body.next;
      } catch {}
    };

    let seq = 0;
    const perRound = Math.ceil(options.callbacks / (options.kills + 1));
    for (let round = 0; round <= options.kills; round++) {
      const ids = Array.from({ length: Math.min(perRound, options.callbacks - seq) }, () => seq++);
      let next = 0;
      const current = life!;
      const sender = async () => {
        while (next < ids.length) {
          const n = ids[next++]!;
          const msgId = `kill-${n}`;
          const callback = sealCallback(
            credentials,
            textMessageXml(credentials, { fromUser: `killer-${n % options.users}`, content: '你好', msgId }),
          );
          try {
            const res = await fetch(`${current.url}${callback.path}`, {
              method: 'POST',
              body: callback.body,
              signal: AbortSignal.timeout(10_000),
            });
            status.set(msgId, res.status);
          } catch {
            status.set(msgId, 'none');
          }
        }
      };
      const senders = Array.from({ length: options.concurrency }, sender);
      if (round < options.kills) {
        // Kill mid-flight: once about half of this round's callbacks have been fired.
        while (next < ids.length / 2) await sleep(2);
        await pollFake();
        current.child.kill('SIGKILL');
        killTimes.push(Date.now());
        await current.exited;
        log(`round ${round}: SIGKILL after ${next}/${ids.length} callbacks fired`);
        await Promise.all(senders);
        await boot();
      } else {
        await Promise.all(senders);
      }
    }
    // Let the last life drain: stop when the fake has accepted nothing new for 3 s.
    const drainEnd = Date.now() + options.drainMs;
    let quietSince = Date.now();
    let last = -1;
    while (Date.now() < drainEnd) {
      await pollFake();
      if (fakeSeen !== last) {
        last = fakeSeen;
        quietSince = Date.now();
      } else if (Date.now() - quietSince > 3_000 && Date.now() - lastBoot >= (options.minDrainMs ?? 0)) break;
      await sleep(250);
    }
    life!.child.kill('SIGTERM');
    await life!.exited;
    life = undefined;

    const rows = await readDatabase(dataDir, env.DATABASE_URL);
    const byKey = new Map<string, { status: string; n: number }>();
    for (const r of rows.inbound) {
      const e = byKey.get(r.dedupe_key);
      byKey.set(r.dedupe_key, { status: r.status, n: (e?.n ?? 0) + 1 });
    }
    const answered = [...status].filter(([, s]) => s === 200).map(([id]) => id);
    const replied = new Set(rows.outbox.map((o) => String(o.caused_by_inbound_id)));
    const countBy = <T>(xs: T[], key: (x: T) => string) =>
      xs.reduce<Record<string, number>>((acc, x) => {
        acc[key(x)] = (acc[key(x)] ?? 0) + 1;
        return acc;
      }, {});
    const now = Date.now();
    const deadLeased = new Set(
      rows.outbox
        .filter((r) => r.status === 'pending' && r.locked_until && new Date(r.locked_until).getTime() > now)
        .map((r) => r.recipient),
    );
    return {
      database: env.DATABASE_URL ? 'postgres' : 'pglite',
      fired: status.size,
      answered200: answered.length,
      answeredOther: [...status.values()].filter((s) => s !== 200 && s !== 'none').length,
      notAnswered: [...status.values()].filter((s) => s === 'none').length,
      kills: options.kills,
      startsMs,
      inboundRows: rows.inbound.length,
      duplicateMsgIds: [...byKey.values()].filter((e) => e.n > 1).length,
      answered200NotStored: answered.filter((id) => !byKey.has(`app:msg:${id}`)),
      answered200NotProcessed: answered.filter((id) => byKey.get(`app:msg:${id}`)?.status !== 'processed'),
      inboundByStatus: countBy(rows.inbound, (r) => r.status),
      processedWithoutReply: rows.inbound.filter(
        (r) => r.status === 'processed' && !replied.has(String(r.id)),
      ).length,
      outboxByStatus: countBy(rows.outbox, (r) => r.status),
      pendingUnderDeadLease: rows.outbox.filter(
        (r) => r.status === 'pending' && r.locked_until !== null && new Date(r.locked_until).getTime() > now,
      ).length,
      partsRecorded: rows.sends,
      queuedAtKillThenSent: rows.outbox.filter((r) => {
        if (r.status !== 'sent' || !r.sent_at) return false;
        const created = new Date(r.created_at).getTime();
        const sent = new Date(r.sent_at).getTime();
        return killTimes.some((k) => created < k && k < sent);
      }).length,
      acceptedNotRecorded: Math.max(0, fakeSeen - rows.sends),
      pendingBehindDeadLease: rows.outbox.filter((r) => r.status === 'pending' && deadLeased.has(r.recipient))
        .length,
      fakeAcceptedSeen: fakeSeen,
      totalMs: Date.now() - started,
    };
  } finally {
    life?.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (admin && dbName) {
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end();
    }
  }
}

interface Rows {
  inbound: { id: number; dedupe_key: string; status: string }[];
  outbox: {
    id: number;
    status: string;
    recipient: string;
    caused_by_inbound_id: number | null;
    locked_until: string | null;
    created_at: string;
    sent_at: string | null;
  }[];
  sends: number;
}

const INBOUND_SQL = 'select id, dedupe_key, status from inbound_messages order by id';
const OUTBOX_SQL = `select id, status, recipient, caused_by_inbound_id, locked_until::text, created_at::text, sent_at::text
  from outbox order by id`;

async function readDatabase(dataDir: string, url: string | undefined): Promise<Rows> {
  if (url) {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      const inbound = (await pool.query(INBOUND_SQL)).rows;
      const outbox = (await pool.query(OUTBOX_SQL)).rows;
      const sends = Number((await pool.query('select count(*)::int as n from outbox_sends')).rows[0].n);
      return { inbound, outbox, sends };
    } finally {
      await pool.end();
    }
  }
  const database = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
  try {
    const q = async (text: string) =>
      (await (database.db as unknown as { execute(q: string): Promise<{ rows: unknown[] }> }).execute(text))
        .rows;
    const inbound = (await q(INBOUND_SQL)) as Rows['inbound'];
    const outbox = (await q(OUTBOX_SQL)) as Rows['outbox'];
    const [n] = (await q('select count(*)::int as n from outbox_sends')) as { n: number }[];
    return { inbound, outbox, sends: Number(n!.n) };
  } finally {
    await database.close();
  }
}

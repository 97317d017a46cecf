/**
 * Callback ingest on loopback, under autocannon (closed loop) and a paced generator (an even
 * fixed rate, paced-load.ts): the real `/wecom/callback` (verify, decrypt,
 * parse, dedupe, store, answer) of `src/app/main.ts` in its own process, against a floor measured in
 * the same run (a bare Koa process doing only verify + decrypt + parse). Then the same on the
 * PostgreSQL server, one instance and two sharing it, with each message processed once.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { type BenchProcess, spawnFloor, spawnService, untilInboundDrained } from './bench-processes';
import { fire, fireSpread, type LoadResult, sealedCallbacks } from './callback-load';
import { firePaced } from './paced-load';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONNECTIONS = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** The steady run lasts a few seconds at half the floor's rate. */
const STEADY_REQUESTS = 2 * REQUESTS;
const C = {
  corpId: 'wwbench0000000001',
  agentId: '1000002',
  secret: 'bench-secret-000000',
  token: 'BenchToken',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

const f1 = (n: number) => n.toFixed(1);
const describe = (r: LoadResult) =>
  `${f1(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; non-2xx ${r.non2xx}, errors ${r.errors} (timeouts ${r.timeouts})`;

/** Saturation (closed loop), then the backlog drained, then a fixed rate of half the floor. */
async function measureOne(
  label: string,
  service: BenchProcess,
  prefix: string,
  floorRps: number,
): Promise<{ lines: string[]; saturated: LoadResult }> {
  await fire(service.url, sealedCallbacks(C, `${prefix}w`, 300), { connections: CONNECTIONS });
  await untilInboundDrained(service.url);
  const saturated = await fire(service.url, sealedCallbacks(C, `${prefix}s`, REQUESTS), {
    connections: CONNECTIONS,
  });
  const drainMs = await untilInboundDrained(service.url);
  const rate = Math.round(floorRps / 2);
  const steady = await firePaced(service.url, sealedCallbacks(C, `${prefix}r`, STEADY_REQUESTS), {
    connections: CONNECTIONS,
    rate,
  });
  const steadyDrainMs = await untilInboundDrained(service.url);
  return {
    saturated,
    lines: [
      `${label}, saturated (${CONNECTIONS} in flight): ${describe(saturated)}`,
      `  ratio to floor ${(saturated.rps / floorRps).toFixed(2)} (goal ≥ 0.5); every message processed ${f1(drainMs / 1000)} s after the last answer`,
      `${label}, ${STEADY_REQUESTS} offered at an even ${rate} req/s (half the floor): ${describe(steady)}`,
      `  p99 goal < 100 ms; every message processed ${f1(steadyDrainMs / 1000)} s after the last answer`,
    ],
  };
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_ingest_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Pool({ connectionString: serverUrl, max: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function benchCallbackIngest(): Promise<string[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-bench-ingest-'));
  const fake = new FakeWecomServer({ corpId: C.corpId, secret: C.secret, agentId: C.agentId });
  const apiBase = await fake.listen(0);
  const piiKey = randomBytes(32).toString('base64');
  const started: BenchProcess[] = [];
  const spawn = async (name: string, databaseUrl?: string) => {
    const dataDir = path.join(work, name);
    fs.mkdirSync(dataDir);
    const service = await spawnService(C, { dataDir, apiBase, piiKey, databaseUrl });
    started.push(service);
    return service;
  };
  const lines = [
    `callback ingest — ${REQUESTS} distinct signed, encrypted text callbacks per run, autocannon, loopback`,
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; each server is its own process (src/app/main.ts, LOG_LEVEL=info), the load generator another`,
  ];
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  try {
    const floor = await spawnFloor(C, path.join(work, 'floor.log'));
    started.push(floor);
    await fire(floor.url, sealedCallbacks(C, 'fw', 300), { connections: CONNECTIONS });
    const floorResult = await fire(floor.url, sealedCallbacks(C, 'f', REQUESTS), {
      connections: CONNECTIONS,
    });
    await floor.stop();
    lines.push(`floor (verify+decrypt+parse only): ${describe(floorResult)}`);

    const pglite = await spawn('pglite');
    lines.push(...(await measureOne('PGlite, one instance', pglite, 'p', floorResult.rps)).lines);
    await pglite.stop();

    const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    database = await createDatabase(serverUrl);
    const first = await spawn('pg-a', database.url);
    const one = await measureOne('PostgreSQL, one instance', first, 'a', floorResult.rps);
    lines.push(...one.lines);
    // The second instance starts after the first has migrated the database.
    const second = await spawn('pg-b', database.url);
    const urls = [first.url, second.url];
    await fireSpread(urls, sealedCallbacks(C, 'bw', 300), { connections: CONNECTIONS });
    const both = await fireSpread(urls, sealedCallbacks(C, 'b', REQUESTS), { connections: CONNECTIONS });
    const drainMs = Math.max(...(await Promise.all(urls.map((url) => untilInboundDrained(url)))));
    // Every delivery of a batch arrives at both instances at once, as after a WeCom retry.
    const twice = sealedCallbacks(C, 'd', 500);
    await Promise.all(urls.map((url) => fire(url, twice, { connections: CONNECTIONS / 2 })));
    await Promise.all(urls.map((url) => untilInboundDrained(url)));
    const pool = new Pool({ connectionString: database.url, max: 1 });
    const counted = await pool.query<{ rows: string; messages: string; processed: string }>(
      `select count(*) as rows, count(distinct dedupe_key) as messages,
              count(*) filter (where status = 'processed') as processed
         from inbound_messages where from_user like 'du%'`,
    );
    await pool.end();
    const c = counted.rows[0]!;
    lines.push(
      `PostgreSQL, two instances, callbacks spread over both (${CONNECTIONS} in flight at each): ${describe(both)}`,
      `  ${(both.rps / one.saturated.rps).toFixed(2)} × one instance; every message processed ${f1(drainMs / 1000)} s after the last answer`,
      `  500 deliveries each sent to both instances at once: ${c.rows} rows stored for ${c.messages} messages, ${c.processed} processed (goal 500, 500, 500)`,
    );
  } finally {
    await Promise.all(started.map((p) => p.stop()));
    await database?.drop();
    await fake.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return lines;
}

import { randomBytes } from 'node:crypto';
/**
 * Callback ingest on loopback: the real `/wecom/callback` (verify, decrypt, parse, dedupe, store,
 * answer) against a floor, a bare Koa handler doing only verify + decrypt + parse.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import getRawBody from 'raw-body';
import { openDatabase } from '../../src/db/open-database';
import { createLogger } from '../../src/log/logger';
import { type SealedCallback, sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { startService } from '../../src/service';
import { openCallbackCiphertext } from '../../src/wecom/callback/callback-cipher';
import { verifyCallbackSignature } from '../../src/wecom/callback/callback-signature';
import { parseCallbackEnvelope, parseWecomXml } from '../../src/wecom/callback/callback-xml';
import { validateInboundMessage } from '../../src/wecom/callback/inbound-message-schema';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const C = {
  corpId: 'wwbench0000000001',
  agentId: '1000002',
  secret: 'bench-secret-000000',
  token: 'BenchToken',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

function sealAll(prefix: string): SealedCallback[] {
  return Array.from({ length: REQUESTS }, (_, i) =>
    sealCallback(
      C,
      textMessageXml(C, { fromUser: `u${i % 500}`, content: `申请低保 ${i}`, msgId: `${prefix}-${i}` }),
    ),
  );
}

async function load(url: string, callbacks: SealedCallback[]) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  let connectionErrors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < callbacks.length) {
        const cb = callbacks[next++]!;
        const t = performance.now();
        let status = 0;
        try {
          const res = await fetch(`${url}${cb.path}`, { method: 'POST', body: cb.body });
          await res.arrayBuffer();
          status = res.status;
        } catch (error) {
          // Counted, with the first cause kept: a connection the server dropped is a failure too.
          connectionErrors++;
          firstError ??= String((error as { cause?: unknown }).cause ?? error);
        }
        if (status !== 200) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return {
    rps: callbacks.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    failures,
    connectionErrors,
    firstError,
  };
}

async function floorServer(): Promise<{ url: string; close: () => void }> {
  const app = new Koa();
  app.use(async (ctx) => {
    const q = ctx.query as { msg_signature: string; timestamp: string; nonce: string };
    const envelope = parseCallbackEnvelope(await getRawBody(ctx.req, { limit: 65536, encoding: 'utf8' }));
    verifyCallbackSignature(C.token, q, envelope.Encrypt);
    validateInboundMessage(
      parseWecomXml(openCallbackCiphertext(C.encodingAesKey, envelope.Encrypt, C.corpId)),
    );
    ctx.body = '';
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export async function benchCallbackIngest(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-bench-'));
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  const fake = new FakeWecomServer({ corpId: C.corpId, secret: C.secret, agentId: C.agentId });
  const fakeUrl = await fake.listen(0);
  const service = await startService({
    piiKey: randomBytes(32),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-')),
    port: 0,
    host: '127.0.0.1',
    database,
    wecom: C,
    callbackTimestampWindowSeconds: 300,
    apiBase: fakeUrl,
    log: createLogger('silent'),
    // The jobs' catch-up at start (reports, alerts) would share PGlite's one connection with the
    // measurement; they are measured on their own (deadline-scan).
    scheduler: false,
  });
  const floor = await floorServer();
  await load(floor.url, sealAll('warm-floor').slice(0, 300));
  await load(service.url, sealAll('warm').slice(0, 300));
  await service.worker.whenIdle();
  const floorResult = await load(floor.url, sealAll('floor'));
  const real = await load(service.url, sealAll('real'));
  const t = performance.now();
  await service.worker.whenIdle();
  const drainMs = performance.now() - t;
  floor.close();
  await service.close();
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const fmt = (n: number) => n.toFixed(1);
  return [
    `callback ingest — ${REQUESTS} signed, encrypted text callbacks, concurrency ${CONCURRENCY}, loopback`,
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, database ${database.kind}`,
    `floor (verify+decrypt+parse only): ${fmt(floorResult.rps)} req/s, p50 ${fmt(floorResult.p50)} ms, p99 ${fmt(floorResult.p99)} ms`,
    `/wecom/callback (…+dedupe+store):  ${fmt(real.rps)} req/s, p50 ${fmt(real.p50)} ms, p99 ${fmt(real.p99)} ms, non-200: ${real.failures} (connection errors ${real.connectionErrors}${real.firstError ? `, first: ${real.firstError}` : ''})`,
    `ratio to floor: ${(real.rps / floorResult.rps).toFixed(2)} (goal ≥ 0.5); worker backlog drained ${fmt(drainMs)} ms after the last answer`,
  ];
}

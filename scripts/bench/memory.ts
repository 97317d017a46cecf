/**
 * Memory under load: RSS of one instance (PGlite, in-process fake WeCom) after N processed
 * callbacks, and again after a second N — the product should stay flat, not grow per message.
 * Replies queue in the outbox (the dispatcher is stopped: sending is measured by outbox-rate).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/open-database';
import { createLogger } from '../../src/log/logger';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { startService } from '../../src/service';

const CALLBACKS = Number(process.env.BENCH_MEMORY_CALLBACKS ?? 100_000);
const CONCURRENCY = 32;
const USERS = 10_000;
const C = {
  corpId: 'wwbench0000000002',
  agentId: '1000002',
  secret: 'bench-secret-000000',
  token: 'BenchToken',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const QUESTIONS = [
  '低保去哪里申请',
  '你好',
  '临时救助最多给多少',
  '菜单',
  '办低保要带啥材料',
  '公积金怎么提取',
];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function benchMemory(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-bench-mem-'));
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  const fake = new FakeWecomServer({ corpId: C.corpId, secret: C.secret, agentId: C.agentId });
  const service = await startService({
    piiKey: randomBytes(32),
    dataDir,
    port: 0,
    host: '127.0.0.1',
    database,
    wecom: C,
    callbackTimestampWindowSeconds: 3_600,
    apiBase: await fake.listen(0),
    log: createLogger('silent'),
    scheduler: false,
    // The per-user limit would stretch the run over minutes; memory is what is measured here.
    worker: { perUserTurnsPerMinute: 1_000_000 },
  });
  await service.dispatcher.stop();
  const lines = [
    `memory — ${CALLBACKS.toLocaleString('en')} text callbacks per round from ${USERS.toLocaleString('en')} users, concurrency ${CONCURRENCY}, database ${database.kind}, node ${process.version}`,
  ];
  let sent = 0;
  let retried = 0;
  const round = async (label: string) => {
    const started = performance.now();
    const end = sent + CALLBACKS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < end) {
          const i = sent++;
          const xml = textMessageXml(C, {
            fromUser: `m${i % USERS}`,
            content: QUESTIONS[i % QUESTIONS.length]!,
            msgId: `mem-${i}`,
          });
          const cb = sealCallback(C, xml);
          // Like WeCom, retry a delivery whose connection failed (a keep-alive socket closing
          // under the client is the usual cause on loopback); the dedupe key makes it safe.
          for (let attempt = 1; ; attempt++) {
            try {
              const res = await fetch(`${service.url}${cb.path}`, { method: 'POST', body: cb.body });
              await res.arrayBuffer();
              break;
            } catch (error) {
              retried++;
              if (attempt >= 3) throw error;
            }
          }
        }
      }),
    );
    await service.worker.whenIdle();
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    const seconds = (performance.now() - started) / 1000;
    lines.push(
      `${label}: RSS ${mb(rss)}, JS heap ${mb(heapUsed)} after ${sent.toLocaleString('en')} processed callbacks (${(CALLBACKS / seconds).toFixed(0)} processed/s)`,
    );
    return rss;
  };
  const first = await round('after round 1');
  const second = await round('after round 2');
  lines.push(
    `growth across the second round: ${mb(second - first)} (${(((second - first) / first) * 100).toFixed(1)}%); goal: RSS < 250 MB with PGlite, no growth; deliveries retried after a connection error: ${retried}`,
  );
  await service.close();
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return lines;
}

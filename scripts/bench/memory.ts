/**
 * Memory under load: the resident set of one production instance (the build's dist/src/app/main.js,
 * PGlite, its own process) after N callbacks were answered and processed, and again after a
 * second N — the product should stay flat, not grow per message. Read from /proc, so it is the
 * server's memory alone, not the load generator's. Replies go to the fake WeCom at WeCom's rate.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/project-root';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { spawnService, untilInboundDrained } from './bench-processes';
import { fire, sealedCallbacks } from './callback-load';

const CALLBACKS = Number(process.env.BENCH_MEMORY_CALLBACKS ?? 100_000);
const CONNECTIONS = 32;
const USERS = 10_000;
/** Sealed and fired in slices, so the bench's own memory stays small whatever N is. */
const SLICE = 5_000;
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
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot(), stdio: 'ignore' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-bench-mem-'));
  const fake = new FakeWecomServer({ corpId: C.corpId, secret: C.secret, agentId: C.agentId });
  const service = await spawnService(C, {
    dataDir,
    apiBase: await fake.listen(0),
    piiKey: randomBytes(32).toString('base64'),
    compiled: true,
  });
  const lines = [
    `memory — ${CALLBACKS.toLocaleString('en')} text callbacks per round from ${USERS.toLocaleString('en')} users, ${CONNECTIONS} in flight, PGlite, dist/src/app/main.js (LOG_LEVEL=info) in its own process, node ${process.version}`,
    `after start: RSS ${mb(service.rss())}`,
  ];
  let fired = 0;
  let failed = 0;
  const round = async (label: string) => {
    const started = performance.now();
    for (let done = 0; done < CALLBACKS; done += SLICE) {
      const count = Math.min(SLICE, CALLBACKS - done);
      const slice = sealedCallbacks(C, 'm', count, {
        users: USERS,
        first: fired,
        content: (i) => QUESTIONS[i % QUESTIONS.length]!,
      });
      const result = await fire(service.url, slice, { connections: CONNECTIONS });
      failed += result.non2xx + result.errors;
      fired += count;
    }
    await untilInboundDrained(service.url, 3 * 60 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const rss = service.rss();
    lines.push(
      `${label}: RSS ${mb(rss)} after ${fired.toLocaleString('en')} callbacks answered and processed (${(CALLBACKS / seconds).toFixed(0)} processed/s)`,
    );
    return rss;
  };
  try {
    const first = await round('after round 1');
    const second = await round('after round 2');
    lines.push(
      `growth across the second round: ${mb(second - first)} (${(((second - first) / first) * 100).toFixed(1)}%); goal: RSS < 250 MB with PGlite, no growth; callbacks not answered 200: ${failed}`,
    );
  } catch (error) {
    const log = fs.readFileSync(path.join(dataDir, 'server.log'), 'utf8');
    throw new Error(`memory bench failed; the server's log ends:\n${log.slice(-3000)}`, { cause: error });
  } finally {
    await service.stop();
    await fake.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}

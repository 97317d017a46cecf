/**
 * Signed callbacks while unauthenticated junk arrives (security.md, finding 1 of issue 16): the
 * real service (`src/app/main.ts`, PGlite, its own process) takes signed, encrypted text callbacks at
 * an even rate, first alone, then while 64 KB crafted bodies with no valid signature arrive at
 * about 1 MB/s. Before the envelope was read by a linear scan, each such body cost ~49 ms of
 * parsing before the signature was even looked at, and signed callbacks waited seconds behind it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { spawnService, untilInboundDrained } from './bench-processes';
import { type LoadResult, sealedCallbacks } from './callback-load';
import { firePaced } from './paced-load';

const C = {
  corpId: 'wwbench0000000001',
  agentId: '1000002',
  secret: 'bench-secret-000000',
  token: 'BenchToken',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
/** The attack test's body: 63,905 bytes of unterminated CDATA openings. */
const JUNK_BODY = `<xml>${'<![CDATA['.repeat(7100)}`;
const JUNK_PER_SECOND = 16;
const SIGNED_RATE = 50;
const SIGNED_REQUESTS = 750;

const describe = (r: LoadResult) =>
  `p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms (${r.requests} answered, non-2xx ${r.non2xx}, errors ${r.errors})`;

interface JunkResult {
  sent: number;
  statuses: Map<string, number>;
  latencies: number[];
}

/** Junk bodies, open loop at `perSecond` (16 connections at most), until `stop` is called. */
function junkLoad(url: string, perSecond: number): { stop: () => Promise<JunkResult> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const result: JunkResult = { sent: 0, statuses: new Map(), latencies: [] };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let stopped = false;
  const sendOne = () => {
    const sentAt = performance.now();
    const query = new URLSearchParams({
      msg_signature: randomBytes(20).toString('hex'),
      timestamp: String(Math.floor(Date.now() / 1000)),
      nonce: String(result.sent),
    });
    const done = new Promise<void>((resolve) => {
      const request = http.request(
        `${url}/wecom/callback?${query.toString()}`,
        { method: 'POST', agent, headers: { 'content-type': 'text/xml' }, timeout: 30_000 },
        (response) => {
          response.resume();
          response.on('end', () => {
            const key = String(response.statusCode);
            result.statuses.set(key, (result.statuses.get(key) ?? 0) + 1);
            result.latencies.push(performance.now() - sentAt);
            resolve();
          });
          response.on('error', () => resolve());
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', () => {
        result.statuses.set('error', (result.statuses.get('error') ?? 0) + 1);
        resolve();
      });
      request.end(JUNK_BODY);
    });
    result.sent += 1;
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const loop = (async () => {
    while (!stopped) {
      sendOne();
      const due = started + (result.sent * 1000) / perSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await Promise.all(inFlight);
      agent.destroy();
      return result;
    },
  };
}

export async function benchCallbackJunk(): Promise<string[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-bench-junk-'));
  const fake = new FakeWecomServer({ corpId: C.corpId, secret: C.secret, agentId: C.agentId });
  const apiBase = await fake.listen(0);
  const dataDir = path.join(work, 'pglite');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  const service = await spawnService(C, { dataDir, apiBase, piiKey: randomBytes(32).toString('base64') });
  const mbPerSecond = (JUNK_BODY.length * JUNK_PER_SECOND) / 1024 / 1024;
  // The figures are latencies on a shared machine: what else ran is part of the reading.
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const loadAtStart = load();
  const lines = [
    `signed callbacks under unauthenticated junk — ${SIGNED_REQUESTS} distinct signed text callbacks at an even ${SIGNED_RATE}/s, loopback, PGlite, src/app/main.ts in its own process`,
    `junk: ${JUNK_PER_SECOND}/s bodies of ${JUNK_BODY.length} bytes ('<xml>' + '<![CDATA[' × 7100) with a random msg_signature, ${mbPerSecond.toFixed(2)} MB/s, up to 16 connections`,
  ];
  try {
    const warm = sealedCallbacks(C, 'jw', 200, { users: 50 });
    await firePaced(service.url, warm, { rate: SIGNED_RATE, connections: 8 });
    await untilInboundDrained(service.url);
    const alone = await firePaced(service.url, sealedCallbacks(C, 'ja', SIGNED_REQUESTS), {
      rate: SIGNED_RATE,
      connections: 8,
    });
    await untilInboundDrained(service.url);
    lines.push(`signed alone: ${describe(alone)}`);
    const junk = junkLoad(service.url, JUNK_PER_SECOND);
    // A second of junk first, so the signed callbacks meet a running attack.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const attacked = await firePaced(service.url, sealedCallbacks(C, 'jj', SIGNED_REQUESTS), {
      rate: SIGNED_RATE,
      connections: 8,
    });
    const junkResult = await junk.stop();
    await untilInboundDrained(service.url);
    junkResult.latencies.sort((a, b) => a - b);
    const junkMedian = junkResult.latencies[Math.floor(junkResult.latencies.length / 2)] ?? 0;
    const statuses = [...junkResult.statuses.entries()].map(([s, n]) => `${s} × ${n}`).join(', ');
    lines.push(
      `signed under junk: ${describe(attacked)}; goal p99 < 100 ms`,
      `junk: ${junkResult.sent} sent, answered ${statuses}; median answer ${junkMedian.toFixed(1)} ms`,
      `load average at start ${loadAtStart}, at the end ${load()} (${os.cpus().length} cores)`,
    );
  } finally {
    await service.stop();
    await fake.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return lines;
}

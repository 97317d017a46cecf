import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { type RunningService, startService } from '../../src/app/service';
import type { Database } from '../../src/core/db/database';
import { inboundMessages, outbox } from '../../src/core/db/schema';
import { type SealedCallback, sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { secondConnection } from '../cron/cron-fixtures';
import { captureLogs } from '../support/log-capture';
import { until } from '../support/outbox-helpers';
import {
  TEST_CREDENTIALS as C,
  startTestService,
  TEST_PII_KEY,
  type TestService,
} from '../support/test-service';

const onPostgres = Boolean(process.env.DATABASE_URL);
// PGlite belongs to one process (its folder is locked): two instances need the PostgreSQL server.
const suite = onPostgres ? describe : describe.skip;

let one: TestService;
let twoDb: Database;
let two: RunningService;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-two-'));

suite('two instances on one PostgreSQL (PostgreSQL only)', () => {
  beforeAll(async () => {
    one = await startTestService();
    twoDb = await secondConnection(one.database);
    two = await startService({
      port: 0,
      host: '127.0.0.1',
      database: twoDb,
      wecom: C,
      apiBase: one.fakeUrl,
      api: { timeoutMs: 2_000, sleep: async () => {} },
      callbackTimestampWindowSeconds: 300,
      piiKey: TEST_PII_KEY,
      dataDir,
      scheduler: false,
      log: captureLogs('warn').log,
      now: one.clock,
      worker: { sweepIntervalMs: 100, retryDelayMs: () => 50 },
      outbox: { pollIntervalMs: 100, retryDelayMs: () => 20 },
    });
  });
  afterAll(async () => {
    await two.close();
    await one.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('each message processed once, each reply sent once, one access token, with deliveries spread over both and repeated at both', async () => {
    const post = (url: string, cb: SealedCallback) =>
      fetch(`${url}${cb.path}`, { method: 'POST', body: cb.body }).then((r) => r.status);
    const callbacks = Array.from({ length: 120 }, (_, i) =>
      sealCallback(C, textMessageXml(C, { fromUser: `pair-${i % 12}`, content: '你好', msgId: `pair-${i}` })),
    );
    const statuses = await Promise.all(
      callbacks.flatMap((cb, i) =>
        // Every third delivery arrives at both instances at once (WeCom retrying through the balancer).
        i % 3 === 0 ? [post(one.url, cb), post(two.url, cb)] : [post(i % 2 ? one.url : two.url, cb)],
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await until(async () => {
      const rows = await one.database.db.select().from(inboundMessages);
      return rows.length === 120 && rows.every((r) => r.status === 'processed');
    }, 30_000);
    await until(async () => {
      const rows = await one.database.db.select().from(outbox);
      return rows.length === 120 && rows.every((r) => r.status === 'sent');
    }, 30_000);
    const inbound = await one.database.db.select().from(inboundMessages);
    expect(new Set(inbound.map((r) => r.dedupeKey)).size).toBe(120);
    expect(inbound.every((r) => r.attempts === 1)).toBe(true);
    for (let u = 0; u < 12; u++) {
      const user = `pair-${u}`;
      const rows = await one.database.db.select().from(outbox).where(eq(outbox.recipient, user));
      expect(rows).toHaveLength(10);
      expect(one.fake.sentTo(user)).toHaveLength(10);
    }
    expect(one.fake.gettokenCount).toBe(1);
  });
});

if (!onPostgres) {
  it('two instances need the PostgreSQL server (skipped on PGlite)', () => {
    expect(onPostgres).toBe(false);
  });
}

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { systemClock } from '../../src/core/clock/clock';
import type { Database } from '../../src/core/db/database';
import { residentFiles } from '../../src/core/db/schema';
import { storedFilePath } from '../../src/core/media/file-storage';
import { MediaFetcher, type MediaFetcherOptions } from '../../src/core/media/media-fetcher';
import { WecomApiClient } from '../../src/core/wecom/api/wecom-api-client';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom';
import { captureLogs } from '../support/log-capture';
import { openTestDatabase } from '../support/test-database';
import { TEST_CREDENTIALS } from '../support/test-service';
import { until } from '../support/until';

const MEDIA_GET = '/cgi-bin/media/get';

let database: Database & { dispose(): Promise<void> };
let fake: FakeWecomServer;
let fakeUrl: string;
let dataDir: string;
let inboundSeq = 1;

beforeAll(async () => {
  database = await openTestDatabase();
  fake = new FakeWecomServer({
    corpId: TEST_CREDENTIALS.corpId,
    secret: TEST_CREDENTIALS.secret,
    agentId: TEST_CREDENTIALS.agentId,
  });
  fakeUrl = await fake.listen(0);
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shulan-media-'));
});
afterAll(async () => {
  await fake.close();
  await database.dispose();
  await fs.rm(dataDir, { recursive: true, force: true });
});
const started: MediaFetcher[] = [];
afterEach(async () => {
  // A failed assertion must not leave a fetcher claiming the next test's rows.
  await Promise.all(started.splice(0).map((instance) => instance.stop()));
  fake.clearFaults();
});

/** One instance's API client: its own process memory, the shared token row in the database. */
function apiClient(log = captureLogs().log): WecomApiClient {
  return new WecomApiClient({
    baseUrl: fakeUrl,
    corpId: TEST_CREDENTIALS.corpId,
    agentId: TEST_CREDENTIALS.agentId,
    secret: TEST_CREDENTIALS.secret,
    db: database.db,
    log,
    lockAcrossInstances: database.kind === 'postgres',
    // The fake WeCom keeps real time, so its token expiry and ours agree.
    now: systemClock,
    timeoutMs: 2_000,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  });
}

function fetcher(options: Partial<MediaFetcherOptions> = {}) {
  const logs = captureLogs('debug');
  const instance = new MediaFetcher(
    { db: database.db, api: apiClient(logs.log), dataDir, log: logs.log, now: systemClock },
    { pollIntervalMs: 20, retryDelayMs: () => 30, ...options },
  );
  started.push(instance);
  return { fetcher: instance, logs };
}

/** Inserts a row as the chat turn does: pending, due now. */
async function enqueueFile(mediaId: string, msgType = 'image') {
  const now = systemClock();
  const [row] = await database.db
    .insert(residentFiles)
    .values({
      inboundId: inboundSeq++,
      channel: 'app',
      userId: 'resident-13800138000',
      caseId: 'case-1',
      msgType,
      mediaId,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning();
  return row!;
}

async function fileRow(id: number) {
  const [row] = await database.db.select().from(residentFiles).where(eq(residentFiles.id, id));
  return row!;
}

const mediaGets = () => fake.calls.filter((call) => call.path === MEDIA_GET).length;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function filesOnDisk(dir = path.join(dataDir, 'files')): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('MediaFetcher', () => {
  it('downloads a resident’s photo and stores the same bytes under DATA_DIR', async () => {
    const photo = randomBytes(64 * 1024);
    const mediaId = fake.addMedia({
      type: 'image',
      filename: '身份证 正面.jpg',
      data: photo,
      contentType: 'image/jpeg',
    });
    const row = await enqueueFile(mediaId);
    const { fetcher: instance, logs } = fetcher();
    expect(await instance.runOnce()).toBe(1);

    const stored = await fileRow(row.id);
    expect(stored).toMatchObject({
      status: 'stored',
      attempts: 1,
      contentType: 'image/jpeg',
      bytes: photo.length,
      sha256: sha256(photo),
      lastError: null,
    });
    expect(stored.storedAt).toBeInstanceOf(Date);
    expect(stored.storagePath).toMatch(
      new RegExp(`^files/\\d{4}/\\d{2}/${row.id}-${sha256(photo).slice(0, 16)}\\.jpg$`),
    );
    const onDisk = await fs.readFile(storedFilePath(dataDir, stored.storagePath!));
    expect(sha256(onDisk)).toBe(sha256(photo));
    // No temporary file is left next to it.
    expect((await fs.readdir(path.dirname(storedFilePath(dataDir, stored.storagePath!)))).sort()).toEqual([
      path.basename(stored.storagePath!),
    ]);
    // Nothing more to do: the stored row is not claimed again.
    expect(await instance.runOnce()).toBe(0);
    // Logs carry the row id, never the resident's id, the media id or a phone number.
    expect(logs.text()).toContain(`"fileId":${row.id}`);
    expect(logs.text()).not.toContain('13800138000');
    expect(logs.text()).not.toContain(mediaId);
  });

  it('two instances over 20 rows fetch each row exactly once', async () => {
    const rows = [];
    const data = new Map<number, Buffer>();
    for (let i = 0; i < 20; i++) {
      const bytes = randomBytes(2048 + i);
      const row = await enqueueFile(
        fake.addMedia({
          type: 'file',
          filename: `材料${i}.pdf`,
          data: bytes,
          contentType: 'application/pdf',
        }),
        'file',
      );
      rows.push(row);
      data.set(row.id, bytes);
    }
    const before = mediaGets();
    // Slow answers keep both instances busy at the same time.
    fake.latency(MEDIA_GET, 40);
    const [a, b] = [fetcher({ batchSize: 3 }), fetcher({ batchSize: 3 })];
    a.fetcher.start();
    b.fetcher.start();
    await until(async () => {
      const pending = await database.db
        .select({ id: residentFiles.id })
        .from(residentFiles)
        .where(eq(residentFiles.status, 'pending'));
      return pending.length === 0;
    }, 20_000);
    await Promise.all([a.fetcher.stop(), b.fetcher.stop()]);

    expect(mediaGets() - before).toBe(20);
    for (const row of rows) {
      const stored = await fileRow(row.id);
      expect(stored).toMatchObject({ status: 'stored', attempts: 1, sha256: sha256(data.get(row.id)!) });
      expect(stored.storagePath).toMatch(/\.pdf$/);
    }
    // Both instances did some of the work (each claimed in small batches).
    const storedBy = (logs: string) => (logs.match(/resident file stored/g) ?? []).length;
    expect(storedBy(a.logs.text())).toBeGreaterThan(0);
    expect(storedBy(b.logs.text())).toBeGreaterThan(0);
    expect(storedBy(a.logs.text()) + storedBy(b.logs.text())).toBe(20);
  });

  it('an unknown media id fails at once with the errcode in lastError, logged at error level', async () => {
    const row = await enqueueFile('no-such-media-id');
    const before = mediaGets();
    const { fetcher: instance, logs } = fetcher();
    await instance.runOnce();

    const failed = await fileRow(row.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('40007');
    expect(failed.storagePath).toBeNull();
    // A permanent errcode is not retried, neither by the client nor by the fetcher.
    expect(mediaGets() - before).toBe(1);
    const errors = logs.lines().filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ fileId: row.id, errcode: 40007 });
    expect(logs.text()).not.toContain('no-such-media-id');
  });

  it('a transient fault is retried later and then succeeds', async () => {
    const bytes = randomBytes(4096);
    const row = await enqueueFile(
      fake.addMedia({ type: 'image', filename: 'a.png', data: bytes, contentType: 'image/png' }),
    );
    // Both tries of the client's first claim fail: an HTTP 502, then "system busy" as JSON.
    fake.httpErrorNext(MEDIA_GET, 502, 1);
    fake.failNext(MEDIA_GET, -1, 1);
    const { fetcher: instance, logs } = fetcher({ retryDelayMs: () => 100 });

    const claimedAt = systemClock().getTime();
    await instance.runOnce();
    const waiting = await fileRow(row.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.lastError).toContain('-1');
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(claimedAt + 100);
    // Not due yet: the retry waits for its delay.
    expect(await instance.runOnce()).toBe(0);

    instance.start();
    await until(async () => (await fileRow(row.id)).status === 'stored');
    await instance.stop();
    const stored = await fileRow(row.id);
    expect(stored).toMatchObject({ attempts: 2, sha256: sha256(bytes), lastError: null });
    expect(stored.storagePath).toMatch(/\.png$/);
    expect(logs.lines().some((line) => line.level === 40 && line.fileId === row.id)).toBe(true);
    expect(logs.lines().some((line) => line.level === 50)).toBe(false);
  });

  it('gives up after maxAttempts transient failures', async () => {
    const row = await enqueueFile(
      fake.addMedia({ type: 'image', filename: 'b.jpg', data: randomBytes(100) }),
    );
    fake.httpErrorNext(MEDIA_GET, 503, 100);
    const { fetcher: instance } = fetcher({ maxAttempts: 2, retryDelayMs: () => 0 });
    instance.start();
    await until(async () => (await fileRow(row.id)).status === 'failed');
    await instance.stop();
    const failed = await fileRow(row.id);
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toMatch(/^gave up after 2 attempts: .*HTTP 503/);
  });

  it('refuses a body over 20 MB as a permanent failure and writes nothing', async () => {
    const before = await filesOnDisk();
    const row = await enqueueFile(
      fake.addMedia({ type: 'file', filename: 'huge.zip', data: Buffer.alloc(20 * 1024 * 1024 + 1) }),
      'file',
    );
    const calls = mediaGets();
    const { fetcher: instance } = fetcher();
    await instance.runOnce();
    const failed = await fileRow(row.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, storagePath: null });
    expect(failed.lastError).toContain(`larger than ${20 * 1024 * 1024} bytes`);
    expect(mediaGets() - calls).toBe(1);
    expect(await filesOnDisk()).toEqual(before);
  });

  it('takes back a row whose lease ran out, and the late first instance does not overwrite it', async () => {
    const bytes = randomBytes(1000);
    const row = await enqueueFile(
      fake.addMedia({ type: 'image', filename: 'c.jpg', data: bytes, contentType: 'image/jpeg' }),
    );
    fake.latency(MEDIA_GET, 300);
    // The first instance's lease ends long before its download does (as if it had hung).
    const slow = fetcher({ leaseMs: 50 });
    const first = slow.fetcher.runOnce();
    await until(async () => (await fileRow(row.id)).attempts === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = fetcher();
    await second.fetcher.runOnce();
    await first;

    const stored = await fileRow(row.id);
    expect(stored).toMatchObject({ status: 'stored', attempts: 2, sha256: sha256(bytes) });
    expect(slow.logs.text()).toContain('lease lost');
    expect(sha256(await fs.readFile(storedFilePath(dataDir, stored.storagePath!)))).toBe(sha256(bytes));
  });

  it('stop() waits for the download in flight', async () => {
    const row = await enqueueFile(
      fake.addMedia({ type: 'image', filename: 'd.jpg', data: randomBytes(500) }),
    );
    fake.latency(MEDIA_GET, 200);
    const { fetcher: instance } = fetcher();
    instance.start();
    await until(async () => (await fileRow(row.id)).attempts === 1);
    await instance.stop();
    expect((await fileRow(row.id)).status).toBe('stored');
  });
});

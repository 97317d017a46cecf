import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/core/clock/clock';
import type { Database } from '../../src/core/db/database';
import { extensionFor } from '../../src/core/media/file-storage';
import { WecomApiError } from '../../src/core/wecom/api/api-error';
import { WecomApiClient } from '../../src/core/wecom/api/wecom-api-client';
import { dispositionFilename, wecomDownload } from '../../src/core/wecom/api/wecom-http';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom';
import { captureLogs } from '../support/log-capture';
import { openTestDatabase } from '../support/test-database';
import { TEST_CREDENTIALS } from '../support/test-service';

const MEDIA_GET = '/cgi-bin/media/get';

let database: Database & { dispose(): Promise<void> };
let fake: FakeWecomServer;
let api: WecomApiClient;

beforeAll(async () => {
  database = await openTestDatabase();
  fake = new FakeWecomServer({
    corpId: TEST_CREDENTIALS.corpId,
    secret: TEST_CREDENTIALS.secret,
    agentId: TEST_CREDENTIALS.agentId,
  });
  api = new WecomApiClient({
    baseUrl: await fake.listen(0),
    corpId: TEST_CREDENTIALS.corpId,
    agentId: TEST_CREDENTIALS.agentId,
    secret: TEST_CREDENTIALS.secret,
    db: database.db,
    log: captureLogs().log,
    lockAcrossInstances: database.kind === 'postgres',
    // The fake WeCom keeps real time, so its token expiry and ours agree.
    now: systemClock,
    timeoutMs: 2_000,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  });
});
afterAll(async () => {
  await fake.close();
  await database.dispose();
});
afterEach(() => fake.clearFaults());

async function failure(promise: Promise<unknown>): Promise<WecomApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WecomApiError)) throw new Error(`expected a WecomApiError, got ${String(error)}`);
  return error;
}

/** A one-route HTTP server for answers the fake does not give (chunked, hanging, relabelled). */
async function rawServer(handle: http.RequestListener) {
  const server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('WecomApiClient.getMedia against the fake', () => {
  it('answers the bytes, the content type and the file name (ASCII and Chinese)', async () => {
    const data = randomBytes(3000);
    const ascii = fake.addMedia({ type: 'image', filename: 'scan.png', data, contentType: 'image/png' });
    expect(await api.getMedia(ascii)).toEqual({ data, contentType: 'image/png', filename: 'scan.png' });
    const chinese = fake.addMedia({ type: 'file', filename: '低保申请表 (1).pdf', data });
    expect(await api.getMedia(chinese)).toMatchObject({
      contentType: 'application/octet-stream',
      filename: '低保申请表 (1).pdf',
    });
  });

  it('raises 40007 as a permanent error, without retrying', async () => {
    const before = fake.calls.filter((c) => c.path === MEDIA_GET).length;
    const error = await failure(api.getMedia('unknown-id'));
    expect(error).toMatchObject({ errcode: 40007, kind: 'permanent', path: MEDIA_GET });
    expect(fake.calls.filter((c) => c.path === MEDIA_GET).length - before).toBe(1);
  });

  it('refuses an empty media id without calling WeCom', async () => {
    const before = fake.calls.length;
    expect(await failure(api.getMedia(' '))).toMatchObject({ kind: 'permanent' });
    expect(fake.calls.length).toBe(before);
  });

  it('refreshes a refused token once and replays the download', async () => {
    const id = fake.addMedia({ type: 'image', filename: 'a.jpg', data: randomBytes(10) });
    await api.getMedia(id);
    fake.invalidateTokens(40014);
    const gettokens = fake.gettokenCount;
    expect((await api.getMedia(id)).data).toHaveLength(10);
    expect(fake.gettokenCount - gettokens).toBe(1);
  });

  it('retries transient answers: JSON -1, malformed JSON, HTTP 502, a reset connection', async () => {
    const id = fake.addMedia({ type: 'image', filename: 'a.jpg', data: randomBytes(10) });
    for (const inject of [
      () => fake.failNext(MEDIA_GET, -1),
      () => fake.malformedNext(MEDIA_GET),
      () => fake.httpErrorNext(MEDIA_GET, 502),
      () => fake.resetNext(MEDIA_GET),
    ]) {
      inject();
      expect((await api.getMedia(id)).data).toHaveLength(10);
    }
    fake.malformedNext(MEDIA_GET, 2);
    expect(await failure(api.getMedia(id))).toMatchObject({ kind: 'transient', errcode: undefined });
  });

  it('refuses a body over 20 MB announced by Content-Length', async () => {
    const id = fake.addMedia({ type: 'file', filename: 'big.bin', data: Buffer.alloc(20 * 1024 * 1024 + 1) });
    const error = await failure(api.getMedia(id));
    expect(error).toMatchObject({ kind: 'permanent', errcode: undefined });
    expect(error.message).toContain('larger than 20971520 bytes');
    // Exactly 20 MB is still accepted.
    const max = fake.addMedia({ type: 'file', filename: 'max.bin', data: Buffer.alloc(20 * 1024 * 1024) });
    expect((await api.getMedia(max)).data).toHaveLength(20 * 1024 * 1024);
  });
});

describe('wecomDownload on raw answers', () => {
  it('stops reading a chunked body as soon as it passes the cap', async () => {
    const server = await rawServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'video/mp4',
        'Content-disposition': 'attachment; filename="v.mp4"',
      });
      const chunk = Buffer.alloc(1024);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && res.write(chunk)) sent += 1;
        if (sent < 64) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    try {
      const error = await failure(
        wecomDownload({ baseUrl: server.baseUrl, timeoutMs: 2_000 }, MEDIA_GET, {}, 4096),
      );
      expect(error).toMatchObject({ kind: 'permanent' });
      expect(error.message).toContain('larger than 4096 bytes');
    } finally {
      await server.close();
    }
  });

  it('reads a JSON error sent as text/plain, and keeps a .json file sent as an attachment', async () => {
    let attachment = false;
    const server = await rawServer((_req, res) => {
      const body = JSON.stringify({ errcode: 40007, errmsg: 'invalid media_id' });
      res.writeHead(200, {
        'Content-Type': attachment ? 'application/json' : 'text/plain',
        ...(attachment ? { 'Content-disposition': 'attachment; filename="errors.json"' } : {}),
      });
      res.end(body);
    });
    try {
      const options = { baseUrl: server.baseUrl, timeoutMs: 2_000 };
      expect(await failure(wecomDownload(options, MEDIA_GET, {}))).toMatchObject({
        errcode: 40007,
        kind: 'permanent',
      });
      attachment = true;
      const file = await wecomDownload(options, MEDIA_GET, {});
      expect(file.filename).toBe('errors.json');
      expect(JSON.parse(file.data.toString('utf8'))).toMatchObject({ errcode: 40007 });
    } finally {
      await server.close();
    }
  });

  it('classifies a body that stalls past the timeout as transient', async () => {
    const server = await rawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': 100 });
      res.write(Buffer.alloc(10));
    });
    try {
      const error = await failure(wecomDownload({ baseUrl: server.baseUrl, timeoutMs: 200 }, MEDIA_GET, {}));
      expect(error).toMatchObject({ kind: 'transient', errcode: undefined });
      expect(error.message).toContain('timeout');
    } finally {
      await server.close();
    }
  });
});

describe('dispositionFilename', () => {
  it('reads the forms WeCom sends', () => {
    expect(dispositionFilename('attachment; filename="MEDIA_ID.jpg"')).toBe('MEDIA_ID.jpg');
    expect(dispositionFilename('attachment; filename=plain.amr')).toBe('plain.amr');
    // Real WeCom for a Chinese name: RFC 5987 first, then the raw UTF-8 bytes (fetch reads them as Latin-1).
    const raw = Buffer.from('聊天敏感词.xlsx', 'utf8').toString('latin1');
    expect(
      dispositionFilename(
        `attachment; filename*=utf-8''%E8%81%8A%E5%A4%A9%E6%95%8F%E6%84%9F%E8%AF%8D.xlsx; filename="${raw}"`,
      ),
    ).toBe('聊天敏感词.xlsx');
    expect(dispositionFilename(`attachment; filename="${raw}"`)).toBe('聊天敏感词.xlsx');
    expect(dispositionFilename(`attachment; filename*=utf-8''%E8%ZZ; filename="a.txt"`)).toBe('a.txt');
    expect(dispositionFilename('attachment; filename="Na\u00efve.txt"')).toBe('Na\u00efve.txt');
    expect(dispositionFilename('attachment')).toBeUndefined();
    expect(dispositionFilename(null)).toBeUndefined();
  });
});

describe('extensionFor', () => {
  it('prefers a known content type, then a plain extension of the name, else none', () => {
    expect(extensionFor('image/jpeg', 'x.png')).toBe('.jpg');
    expect(extensionFor('application/octet-stream', '申请表.DOCX')).toBe('.docx');
    expect(extensionFor('application/octet-stream', '../../etc/passwd')).toBe('');
    expect(extensionFor('application/octet-stream', 'a.tar.gz/..')).toBe('');
    expect(extensionFor('text/plain; charset=utf-8', undefined)).toBe('.txt');
  });
});

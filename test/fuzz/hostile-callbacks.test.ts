import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { cases, inboundMessages } from '../../src/core/db/schema';
import { signCallback } from '../../src/core/wecom/callback/callback-signature';
import {
  eventXml,
  type SealedCallback,
  sealCallback,
  textMessageXml,
} from '../../src/sandbox/callback-driver';
import { ChatDriver, testClock } from '../support/chat-driver';
import { tableCounts } from '../support/db-counts';
import {
  TEST_CREDENTIALS as C,
  startTestService,
  storedPayload,
  type TestService,
} from '../support/test-service';
import { handmadeCiphertext } from './hostile-support';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'hostile');

interface Expected {
  status: number;
  code: string | string[];
}
interface Corpus {
  plaintexts: ({ file: string } & Expected)[];
  transport: ({
    name: string;
    receiveId?: string;
    encrypt?: string;
    encryptRandomBytes?: number;
    plaintextHex?: string;
    declaredLength?: number;
    signWithToken?: string;
    timestampOffset?: number;
    dropQuery?: boolean;
    envelope?: string;
    bodyBytes?: number;
    content?: string;
    repeat?: number;
  } & Expected)[];
  contents: string[];
  longContent: { char: string; length: number };
}
const corpus = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'corpus.json'), 'utf8')) as Corpus;

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let seq = 0;
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
});
afterAll(async () => {
  await svc.stop();
});

function fill(template: string, user: string): string {
  return template
    .replaceAll('%CORP%', C.corpId)
    .replaceAll('%AGENT%', C.agentId)
    .replaceAll('%USER%', user)
    .replaceAll('%NOW%', String(nowSeconds()))
    .replaceAll('%MSGID%', `hostile-${seq++}`)
    .replaceAll('%DEEP%', `${'<a>'.repeat(4_000)}x${'</a>'.repeat(4_000)}`)
    .replace(/%LONG(\d+)%/g, (_, n: string) => 'L'.repeat(Number(n)));
}

/** A signed envelope around any Encrypt value (the signature is right; the content is not). */
function envelopeAround(encrypted: string, token = C.token): SealedCallback {
  const timestamp = String(nowSeconds());
  const nonce = String(seq++);
  const query = { msg_signature: signCallback(token, timestamp, nonce, encrypted), timestamp, nonce };
  return {
    query,
    body: `<xml><ToUserName><![CDATA[${C.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    path: `/wecom/callback?${new URLSearchParams(query).toString()}`,
  };
}

const textXml = (user: string, content = '你好') =>
  textMessageXml(C, { fromUser: user, content, msgId: `hostile-${seq++}`, createTime: nowSeconds() });

function build(c: Corpus['transport'][number], user: string): SealedCallback {
  const ts = { timestamp: nowSeconds() };
  if (c.receiveId) return sealCallback(C, textXml(user), { ...ts, receiveId: c.receiveId });
  if (c.encrypt !== undefined) return envelopeAround(c.encrypt);
  if (c.encryptRandomBytes) return envelopeAround(randomBytes(c.encryptRandomBytes).toString('base64'));
  if (c.plaintextHex)
    return envelopeAround(
      handmadeCiphertext(C.encodingAesKey, Buffer.from(c.plaintextHex, 'hex'), Buffer.from(C.corpId)),
    );
  if (c.declaredLength !== undefined)
    return envelopeAround(
      handmadeCiphertext(
        C.encodingAesKey,
        Buffer.from(textXml(user)),
        Buffer.from(C.corpId),
        c.declaredLength,
      ),
    );
  if (c.signWithToken) return sealCallback({ ...C, token: c.signWithToken }, textXml(user), ts);
  if (c.timestampOffset !== undefined)
    return sealCallback(C, textXml(user), { timestamp: nowSeconds() + c.timestampOffset });
  if (c.dropQuery) return { ...sealCallback(C, textXml(user), ts), path: '/wecom/callback' };
  if (c.envelope !== undefined) return { ...envelopeAround('QUJD'), body: c.envelope };
  if (c.bodyBytes) return { ...envelopeAround('QUJD'), body: 'a'.repeat(c.bodyBytes) };
  if (c.content !== undefined) return sealCallback(C, textXml(user, c.content.repeat(c.repeat ?? 1)), ts);
  throw new Error(`corpus entry ${c.name} builds nothing`);
}

async function settled() {
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
  return tableCounts(svc.database.db);
}

/** Posts a refused callback: the documented status, the code alone as body, nothing stored. */
async function expectRefused(name: string, callback: SealedCallback, expected: Expected) {
  clock.advance(1_000);
  const before = await settled();
  const sentBefore = svc.fake.sent.length;
  let status: number;
  let body: string;
  try {
    const response = await svc.post(callback);
    status = response.status;
    body = await response.text();
  } catch (error) {
    // A 413 may close the connection before the whole body is written; the status is what counts.
    throw new Error(`${name}: request failed (${(error as Error).message})`);
  }
  const codes = Array.isArray(expected.code) ? expected.code : [expected.code];
  expect({ name, status, body: codes.includes(body) ? 'expected code' : body }).toEqual({
    name,
    status: expected.status,
    body: 'expected code',
  });
  expect({ name, counts: await settled() }).toEqual({ name, counts: before });
  expect(svc.fake.sent.length).toBe(sentBefore);
}

describe('hostile callbacks through the real endpoint', () => {
  it.each(corpus.plaintexts.map((p) => [p.file, p] as const))(
    'refuses %s, stores nothing',
    async (file, entry) => {
      const xml = fill(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), `hostile-${file}`);
      await expectRefused(file, sealCallback(C, xml, { timestamp: nowSeconds() }), entry);
    },
  );

  it.each(corpus.transport.map((t) => [t.name, t] as const))(
    'refuses %s, stores nothing',
    async (name, entry) => {
      await expectRefused(name, build(entry, 'hostile-transport'), entry);
    },
  );

  // Found by an outside attack test (issue 16): the DOCTYPE guard stripped CDATA with a regex, so a
  // comment holding `<![CDATA[` hid a DOCTYPE whose entity carried a properly signed ciphertext.
  it('refuses a signed callback whose Encrypt comes from an entity behind a comment-hidden DOCTYPE', async () => {
    const real = sealCallback(C, textXml('hostile-hidden-doctype'), { timestamp: nowSeconds() });
    const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(real.body)![1]!;
    const body =
      `<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY e "${encrypted}">]><!-- ]]> -->` +
      `<xml><ToUserName><![CDATA[${C.corpId}]]></ToUserName><Encrypt>&e;</Encrypt></xml>`;
    await expectRefused('hidden DOCTYPE', { ...real, body }, { status: 400, code: 'malformed_xml' });
  });

  // Found by this suite: a 1,024-character CJK EventKey made a dedupe key over the unique index's
  // row limit (SQLSTATE 54000 → 503 forever). Long keys are now hashed (dedupe-key.ts).
  it('a schema-valid event with a long CJK EventKey is stored or refused with 4xx, never 503', async () => {
    const cjk = Array.from({ length: 1_024 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919) % 0x5000)),
    ).join('');
    clock.advance(1_000);
    const xml = eventXml(C, {
      fromUser: 'hostile-long-key',
      event: 'click',
      createTime: nowSeconds(),
      extra: { EventKey: cjk },
    });
    const before = await settled();
    const response = await svc.post(sealCallback(C, xml, { timestamp: nowSeconds() }));
    expect([200, 400]).toContain(response.status);
    if (response.status === 400) expect(await settled()).toEqual(before);
  });

  it('the GET verification refuses hostile echostr values too', async () => {
    const get = async (echostr: string) => {
      const timestamp = String(nowSeconds());
      const nonce = String(seq++);
      const query = {
        msg_signature: signCallback(C.token, timestamp, nonce, echostr),
        timestamp,
        nonce,
        echostr,
      };
      const response = await fetch(`${svc.url}/wecom/callback?${new URLSearchParams(query).toString()}`);
      return [response.status, await response.text()];
    };
    expect(await get('not*base64')).toEqual([400, 'undecryptable']);
    expect(await get('A'.repeat(5_000))).toEqual([400, 'missing_query']);
    expect(await get(randomBytes(96).toString('base64'))).toEqual([400, 'undecryptable']);
  });

  it('no element name of a refused callback reached Object.prototype', () => {
    expect(Object.prototype).not.toHaveProperty('isAdmin');
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('odd but legitimate content is stored verbatim and answered normally', () => {
  const contents = [...corpus.contents, corpus.longContent.char.repeat(corpus.longContent.length)];

  it.each(contents.map((c, i) => [i, JSON.stringify(c).slice(0, 60), c] as const))(
    '#%i %s',
    async (i, _label, content) => {
      const chat = new ChatDriver(svc, 'app', clock);
      const user = `hostile-content-${i}`;
      const sentBefore = svc.fake.sent.length;
      const replies = await chat.say(user, content);
      // A normal answer, to this resident only, with no evaluated template or leaked internals.
      expect(replies.length).toBeGreaterThan(0);
      const text = replies.join('\n');
      for (const leak of [
        '[object ',
        'function ',
        '[native code]',
        'undefined',
        'NaN',
        'process.',
        'root:x:0',
      ])
        expect({ content, leak, present: text.includes(leak) && !content.includes(leak) }).toEqual({
          content,
          leak,
          present: false,
        });
      for (const send of svc.fake.sent.slice(sentBefore)) expect(send.recipients).toEqual([user]);
      // Stored once, as sent (NUL dropped: PostgreSQL text cannot hold it), and processed.
      const rows = await svc.database.db
        .select()
        .from(inboundMessages)
        .where(eq(inboundMessages.fromUser, user));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe('processed');
      expect((storedPayload(rows[0]!) as { Content: string }).Content).toBe(
        content.replaceAll('\u0000', '').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''),
      );
    },
  );

  it('进度 with trailing NUL bytes is still the status command', async () => {
    const chat = new ChatDriver(svc, 'app', clock);
    expect((await chat.say('hostile-nul-status', '进度\u0000')).join('\n')).toContain('没有查到');
  });

  it('the tables are intact and the service still answers', async () => {
    const [row] = await svc.database.db.select({ n: count() }).from(cases);
    expect(row!.n).toBe(0);
    // Resolved through the search path: the tables of this test's own schema.
    const tables = await svc.database.db.execute(
      sql`select (to_regclass('cases') is not null and to_regclass('inbound_messages') is not null and to_regclass('outbox') is not null) as ok`,
    );
    const rows = (tables as { rows?: { ok: boolean }[] }).rows ?? (tables as unknown as { ok: boolean }[]);
    expect(rows[0]!.ok).toBe(true);
    const chat = new ChatDriver(svc, 'app', clock);
    expect((await chat.say('hostile-after', '菜单')).length).toBeGreaterThan(0);
  });
});

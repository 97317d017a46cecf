import { eq } from 'drizzle-orm';
import { conversations, inboundMessages, outbox } from '../../src/core/db/schema';
import { signCallback } from '../../src/core/wecom/callback/callback-signature';
import { eventXml, sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { tableCounts } from '../support/db-counts';
import {
  TEST_CREDENTIALS as C,
  startTestService,
  storedPayload,
  type TestService,
} from '../support/test-service';

let svc: TestService;
let seq = 0;
const nextMsgId = () => `CAIQg/PKxgYY${Date.now()}${seq++}==`;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc.stop();
});

function textCallback(content: string, fromUser = 'zhangsan', msgId = nextMsgId()) {
  return sealCallback(C, textMessageXml(C, { fromUser, content, msgId }));
}

describe('POST /wecom/callback', () => {
  it('answers a signed, encrypted text message with an empty 200 and stores it', async () => {
    await svc.worker.whenIdle();
    const before = await tableCounts(svc.database.db);
    const res = await svc.post(textCallback('你好', 'user-a'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await svc.worker.whenIdle();
    const after = await tableCounts(svc.database.db);
    expect(after.inbound).toBe(before.inbound + 1);
    const [row] = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'user-a'));
    expect(row).toMatchObject({
      msgType: 'text',
      channel: 'app',
      status: 'processed',
      conversationKey: 'app:user-a',
    });
  });

  it('stores and processes a message delivered three times exactly once', async () => {
    const callback = textCallback('我想申请低保', 'user-retry');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await svc.post(callback)).status);
    expect(statuses).toEqual([200, 200, 200]);
    await svc.worker.whenIdle();
    const rows = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'user-retry'));
    expect(rows).toHaveLength(1);
    const replies = await svc.database.db.select().from(outbox).where(eq(outbox.recipient, 'user-retry'));
    // One turn's replies (the start of the application: its introduction and first question), once.
    expect(new Set(replies.map((r) => r.causedByInboundId))).toEqual(new Set([rows[0]!.id]));
    const said = replies.map((r) => JSON.stringify(r.body));
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said).size).toBe(said.length);
    const [conv] = await svc.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.conversationKey, 'app:user-retry'));
    expect(conv?.turn).toBe(1);
    expect(svc.logs.lines().filter((l) => l.outcome === 'duplicate')).toHaveLength(2);
  });

  it('treats the same delivery arriving concurrently as one message', async () => {
    const callback = textCallback('并发', 'user-concurrent');
    const responses = await Promise.all([svc.post(callback), svc.post(callback), svc.post(callback)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await svc.worker.whenIdle();
    const rows = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'user-concurrent'));
    expect(rows).toHaveLength(1);
  });

  it('stores two events of one user in the same second that differ only by ResponseCode', async () => {
    const createTime = Math.floor(Date.now() / 1000);
    for (const code of ['RC-1', 'RC-2']) {
      const xml = eventXml(C, {
        fromUser: 'member-1',
        event: 'template_card_event',
        createTime,
        extra: {
          EventKey: 'attend',
          TaskId: 'meeting-1-v1',
          CardType: 'button_interaction',
          ResponseCode: code,
        },
      });
      expect((await svc.post(sealCallback(C, xml))).status).toBe(200);
    }
    const rows = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'member-1'));
    expect(rows).toHaveLength(2);
  });

  it('keeps two same-second contact-change events that differ only in ChangeType', async () => {
    const createTime = Math.floor(Date.now() / 1000);
    for (const changeType of ['create_user', 'update_user']) {
      const xml = eventXml(C, {
        fromUser: 'sys',
        event: 'change_contact',
        createTime,
        extra: { ChangeType: changeType, UserID: 'u1' },
      });
      expect((await svc.post(sealCallback(C, xml))).status).toBe(200);
    }
    const rows = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.event, 'change_contact'));
    expect(rows).toHaveLength(2);
  });

  it('accepts a resident pasting markup or a NUL character as ordinary text', async () => {
    const content = '<!DOCTYPE html><html>我的材料\u0000</html>';
    const res = await svc.post(textCallback(content, 'user-paste'));
    expect(res.status).toBe(200);
    const [row] = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'user-paste'));
    expect(storedPayload(row!)).toMatchObject({ Content: '<!DOCTYPE html><html>我的材料</html>' });
  });

  describe('refuses bad input with a clear status, a logged request id, and no row', () => {
    const cases: [
      string,
      () => { path: string; body: string; headers?: Record<string, string> },
      number,
      string,
    ][] = [
      [
        'missing query parameters',
        () => ({ path: '/wecom/callback', body: textCallback('x').body }),
        400,
        'missing_query',
      ],
      [
        'a tampered signature',
        () => {
          const cb = textCallback('篡改');
          const tampered = cb.query.msg_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
          return { path: cb.path.replace(cb.query.msg_signature, tampered), body: cb.body };
        },
        403,
        'bad_signature',
      ],
      [
        'a body signed for another corp (receive-id)',
        () =>
          sealCallback(C, textMessageXml(C, { fromUser: 'x', content: 'x', msgId: nextMsgId() }), {
            receiveId: 'wwother',
          }),
        403,
        'foreign_receiver',
      ],
      [
        'a message addressed to another corp',
        () =>
          sealCallback(
            C,
            textMessageXml({ ...C, corpId: 'wwother' }, { fromUser: 'x', content: 'x', msgId: nextMsgId() }),
          ),
        403,
        'foreign_receiver',
      ],
      [
        'a stale timestamp',
        () =>
          sealCallback(C, textMessageXml(C, { fromUser: 'x', content: 'x', msgId: nextMsgId() }), {
            timestamp: Math.floor(Date.now() / 1000) - 301,
          }),
        403,
        'stale_timestamp',
      ],
      [
        'a timestamp from the future',
        () =>
          sealCallback(C, textMessageXml(C, { fromUser: 'x', content: 'x', msgId: nextMsgId() }), {
            timestamp: Math.floor(Date.now() / 1000) + 3600,
          }),
        403,
        'stale_timestamp',
      ],
      [
        'malformed outer XML',
        () => ({ path: textCallback('x').path, body: '<xml><Encrypt>abc' }),
        400,
        'malformed_xml',
      ],
      ['malformed inner XML', () => sealCallback(C, '<xml><FromUserName>x</xml>'), 400, 'malformed_xml'],
      [
        'an inner message missing required fields',
        () => sealCallback(C, `<xml><ToUserName>${C.corpId}</ToUserName><MsgType>text</MsgType></xml>`),
        400,
        'invalid_message',
      ],
      [
        'an entity-expansion payload',
        () => sealCallback(C, '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><A>&a;</A></xml>'),
        400,
        'malformed_xml',
      ],
      [
        'an undecryptable payload with a valid signature',
        () => {
          const garbage = Buffer.alloc(64, 1).toString('base64');
          return { ...resignWith(garbage), body: `<xml><Encrypt><![CDATA[${garbage}]]></Encrypt></xml>` };
        },
        400,
        'undecryptable',
      ],
      [
        'a body over 64 KB',
        () =>
          sealCallback(
            C,
            textMessageXml(C, { fromUser: 'x', content: '长'.repeat(30_000), msgId: nextMsgId() }),
          ),
        413,
        'body_too_large',
      ],
    ];

    it.each(cases)('%s', async (_label, build, status, code) => {
      await svc.worker.whenIdle();
      const before = await tableCounts(svc.database.db);
      const request = build();
      const res = await fetch(`${svc.url}${request.path}`, { method: 'POST', body: request.body });
      expect(res.status).toBe(status);
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      await svc.worker.whenIdle();
      expect(await tableCounts(svc.database.db)).toEqual(before);
      const logged = svc.logs.lines().find((l) => l.requestId === requestId && l.code === code);
      expect(logged).toBeDefined();
    });
  });

  it('survives a client that disconnects mid-body and keeps serving', async () => {
    const cb = textCallback('断开', 'user-disconnect');
    const controller = new AbortController();
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(cb.body.slice(0, 20)));
        setTimeout(() => controller.abort(), 20);
      },
    });
    await expect(
      fetch(`${svc.url}${cb.path}`, {
        method: 'POST',
        body,
        signal: controller.signal,
        duplex: 'half',
      } as RequestInit),
    ).rejects.toThrow();
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    const rows = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'user-disconnect'));
    expect(rows).toHaveLength(0);
    expect(svc.logs.lines().filter((l) => l.outcome === 'internal_error')).toHaveLength(0);
  });
});

/** A path whose signature is valid for the given ciphertext (to reach the decryption step). */
function resignWith(encrypted: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '12345';
  const msg_signature = signCallback(C.token, timestamp, nonce, encrypted);
  return { path: `/wecom/callback?${new URLSearchParams({ msg_signature, timestamp, nonce })}` };
}

import { CORP, type Fixture, startFake, textTo } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake({
    members: ['Alice', 'bob', 'carol'],
    extraApps: [{ secret: 'other-secret', agentId: '1000003' }],
  });
});
afterEach(() => f.fake.close());

const send = (body: unknown, token?: string) => f.post('/cgi-bin/message/send', body, token);

describe('message/send', () => {
  it('sends text, answers a msgid and records recipient, msgtype, body and time', async () => {
    const reply = await send(textTo('alice|bob', '材料已收到'));
    expect(reply).toMatchObject({ errcode: 0, errmsg: 'ok', invaliduser: '' });
    expect(typeof reply.msgid).toBe('string');
    expect(f.fake.sent).toEqual([
      expect.objectContaining({
        path: '/cgi-bin/message/send',
        msgtype: 'text',
        recipients: ['alice', 'bob'],
        dropped: false,
        msgid: reply.msgid,
        at: f.clock.now(),
        body: expect.objectContaining({ text: { content: '材料已收到' } }),
      }),
    ]);
  });

  it('reports unknown members in invaliduser (lowercased) and still sends to the rest', async () => {
    const reply = await send(textTo('alice|Ghost|nobody'));
    expect(reply).toMatchObject({ errcode: 0, invaliduser: 'ghost|nobody' });
    expect(f.fake.sent[0]?.recipients).toEqual(['alice']);
  });

  it('answers 81013 when every recipient is invalid, and sends nothing', async () => {
    expect(await send(textTo('ghost|nobody'))).toMatchObject({ errcode: 81013 });
    expect(f.fake.sent).toHaveLength(0);
  });

  it('answers 301002 when agentid is not the token’s app', async () => {
    const otherAppToken = await f.token('other-secret');
    expect(await send(textTo('alice'), otherAppToken)).toMatchObject({ errcode: 301002 });
    expect(await send({ ...textTo('alice'), agentid: 1000003 }, otherAppToken)).toMatchObject({ errcode: 0 });
  });

  it('answers 40008 for an unknown msgtype', async () => {
    expect(await send({ touser: 'alice', agentid: CORP.agentId, msgtype: 'sticker' })).toMatchObject({
      errcode: 40008,
    });
  });

  it('checks text and markdown content in UTF-8 bytes: empty 44004, over 2048 bytes 45002', async () => {
    expect(await send(textTo('alice', ''))).toMatchObject({ errcode: 44004 });
    const atLimit = `${'办'.repeat(682)}ab`; // 682 × 3 + 2 = 2048 bytes
    expect(await send(textTo('alice', atLimit))).toMatchObject({ errcode: 0 });
    expect(await send(textTo('alice', `${atLimit}c`))).toMatchObject({ errcode: 45002 });
    const markdown = {
      touser: 'alice',
      agentid: 1000002,
      msgtype: 'markdown',
      markdown: { content: 'x'.repeat(2049) },
    };
    expect(await send(markdown)).toMatchObject({ errcode: 45002 });
  });

  it('answers 40007 for a file message whose media_id is unknown', async () => {
    const body = { touser: 'alice', agentid: 1000002, msgtype: 'file', file: { media_id: 'nope' } };
    expect(await send(body)).toMatchObject({ errcode: 40007 });
    const mediaId = f.fake.addMedia({ type: 'file', filename: 'a.pdf', data: Buffer.from('%PDF-1.4 test') });
    expect(await send({ ...body, file: { media_id: mediaId } })).toMatchObject({ errcode: 0 });
  });

  it('answers 47001 for a body that is not JSON', async () => {
    const res = await fetch(`${f.url}/cgi-bin/message/send?access_token=${await f.token()}`, {
      method: 'POST',
      body: '{"touser":',
    });
    expect(await res.json()).toMatchObject({ errcode: 47001 });
  });
});

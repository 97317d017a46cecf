import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openCallbackCiphertext } from '../../../src/core/wecom/callback/callback-cipher';
import { parseCallbackEnvelope } from '../../../src/core/wecom/callback/callback-envelope';
import { verifyCallbackSignature } from '../../../src/core/wecom/callback/callback-signature';
import { parseWecomXml } from '../../../src/core/wecom/callback/callback-xml';
import { CORP, type Fixture, startFake } from './fake-fixture';

const PRODUCT = { token: 'ProductToken1', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

/** A stand-in product endpoint that verifies and decrypts what arrives, answering `statuses` in turn. */
async function productEndpoint(statuses: number[] = []) {
  const received: Record<string, unknown>[] = [];
  let attempts = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      attempts += 1;
      const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams) as {
        msg_signature: string;
        timestamp: string;
        nonce: string;
      };
      const envelope = parseCallbackEnvelope(Buffer.concat(chunks).toString('utf8'));
      verifyCallbackSignature(PRODUCT.token, query, envelope.Encrypt);
      received.push(
        parseWecomXml(openCallbackCiphertext(PRODUCT.encodingAesKey, envelope.Encrypt, CORP.corpId)),
      );
      res.writeHead(statuses[attempts - 1] ?? 200);
      res.end('');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
  return { url, received, attempts: () => attempts, close: () => new Promise((r) => server.close(r)) };
}

let f: Fixture;
let product: Awaited<ReturnType<typeof productEndpoint>>;
afterEach(async () => {
  await f.fake.close();
  await product.close();
});

async function setup(statuses?: number[]) {
  f = await startFake();
  product = await productEndpoint(statuses);
  f.fake.callbacks.setTarget({ url: product.url, ...PRODUCT });
}

describe('callbacks to the product', () => {
  it('delivers a signed, encrypted text message', async () => {
    await setup();
    const delivery = await f.fake.callbacks.deliverText({
      fromUser: 'zhangsan',
      content: '你好',
      msgId: 'm-1',
    });
    expect(delivery).toMatchObject({ status: 200, attempts: 1 });
    expect(product.received[0]).toMatchObject({
      ToUserName: CORP.corpId,
      FromUserName: 'zhangsan',
      MsgType: 'text',
      Content: '你好',
      MsgId: 'm-1',
      CreateTime: String(Math.floor(f.clock.now().getTime() / 1000)),
    });
  });

  it('delivers a card click whose ResponseCode works with update_template_card', async () => {
    await setup();
    await f.post('/cgi-bin/message/send', {
      touser: 'cw1',
      agentid: 1000002,
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'case-5',
        button_list: [{ text: '受理', key: 'ok:5' }],
      },
    });
    const { responseCode } = await f.fake.callbacks.deliverCardClick({
      fromUser: 'cw1',
      taskId: 'case-5',
      eventKey: 'ok:5',
      selectedItems: [{ questionKey: 'q1', optionIds: ['a', 'b'] }],
    });
    expect(product.received[0]).toMatchObject({
      Event: 'template_card_event',
      EventKey: 'ok:5',
      TaskId: 'case-5',
      CardType: 'button_interaction',
      ResponseCode: responseCode,
    });
    const update = {
      userids: ['cw1'],
      agentid: 1000002,
      response_code: responseCode,
      button: { replace_name: '已受理' },
    };
    expect(await f.post('/cgi-bin/message/update_template_card', update)).toMatchObject({ errcode: 0 });
  });

  it('delivers kf_msg_or_event with a Token that unlocks sync_msg', async () => {
    await setup();
    f.fake.kf.enqueueMessage({ openKfid: 'wkDESK', externalUserId: 'wmR', content: '咨询低保' });
    const { token } = await f.fake.callbacks.deliverKfNotification('wkDESK');
    expect(product.received[0]).toMatchObject({ Event: 'kf_msg_or_event', Token: token, OpenKfId: 'wkDESK' });
    expect(await f.post('/cgi-bin/kf/sync_msg', { open_kfid: 'wkDESK', token })).toMatchObject({
      errcode: 0,
      msg_list: [expect.objectContaining({ text: { content: '咨询低保' } })],
    });
  });

  it('re-sends the same callback on a non-200, up to 3 attempts', async () => {
    await setup([500, 503]);
    const delivery = await f.fake.callbacks.deliverText({
      fromUser: 'li',
      content: 'retry me',
      msgId: 'm-2',
    });
    expect(delivery).toMatchObject({ status: 200, attempts: 3 });
    expect(product.received.map((message) => message.MsgId)).toEqual(['m-2', 'm-2', 'm-2']);
  });
});

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { requestContext } from '../../src/core/http/request-context';
import { callbackRoutes } from '../../src/core/wecom/callback/callback-routes';
import type { InboundMessage } from '../../src/core/wecom/callback/inbound-message-schema';
import { textMessageXml } from '../../src/sandbox/callback-driver';
import { ChatDelivery } from '../../src/sandbox/chat-delivery';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { SandboxClock } from '../../src/sandbox/sandbox-clock';
import { captureLogs } from '../support/log-capture';

const CREDENTIALS = {
  corpId: 'wwsandbox00000001',
  agentId: '1000002',
  secret: 'sandbox-secret',
  token: 'sandboxtoken',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const DAY = 86_400_000;
const real = () => new Date('2026-12-03T01:00:00Z');

/**
 * The sandbox as `npm start` wires it, without the database: the operator's clock shared by the
 * fake WeCom and the callback receiver, which keeps what it accepts.
 */
async function sandbox(beforeReceiver?: (clock: SandboxClock) => void) {
  const clock = new SandboxClock(fs.mkdtempSync(path.join(os.tmpdir(), 'chat-delivery-')), real);
  const fake = new FakeWecomServer({ ...CREDENTIALS, now: clock.now, clockControl: clock });
  const fakeUrl = await fake.listen(0);
  const accepted: InboundMessage[] = [];
  const app = new Koa();
  app.use(requestContext(captureLogs('silent').log));
  app.use(async (_ctx, next) => {
    beforeReceiver?.(clock);
    await next();
  });
  const routes = callbackRoutes('/wecom/callback', {
    corpId: CREDENTIALS.corpId,
    token: CREDENTIALS.token,
    encodingAesKey: CREDENTIALS.encodingAesKey,
    timestampWindowSeconds: 300,
    now: clock.now,
    accept: async (message) => {
      accepted.push(message);
    },
  });
  app.use(routes.routes());
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const terminal = () =>
    new ChatDelivery({
      credentials: CREDENTIALS,
      serviceUrl: () => serviceUrl,
      fakeWecomUrl: () => fakeUrl,
      clock: real,
    });
  const close = async () => {
    await fake.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { clock, accepted, terminal, close, serviceUrl, fakeUrl };
}

const text = (delivery: ChatDelivery, fromUser: string, content: string) => {
  const msgId = delivery.newMsgId();
  return (createTime: number) => textMessageXml(CREDENTIALS, { fromUser, content, msgId, createTime });
};

describe('a chat terminal stamping its callbacks with the sandbox time', () => {
  it('follows the clock another terminal moved, without /clock of its own', async () => {
    const s = await sandbox();
    try {
      const operator = s.terminal();
      const resident = s.terminal();
      expect(await resident.send(text(resident, 'resident-demo', '你好'))).toEqual({ kind: 'delivered' });
      expect(await operator.syncClock(2 * DAY)).toEqual(new Date(real().getTime() + 2 * DAY));
      expect(await resident.send(text(resident, 'resident-demo', '帮助'))).toEqual({ kind: 'delivered' });
      expect(s.accepted.map((m) => [m.MsgType === 'text' ? m.Content : '', Number(m.CreateTime)])).toEqual([
        ['你好', real().getTime() / 1000],
        ['帮助', (real().getTime() + 2 * DAY) / 1000],
      ]);
    } finally {
      await s.close();
    }
  });

  it('reads the clock again and sends once more when it moved in between', async () => {
    let moved = false;
    const s = await sandbox((clock) => {
      // The operator's /clock +3d lands after this terminal read the time, before its callback.
      if (!moved) clock.advance(3 * DAY);
      moved = true;
    });
    try {
      const member = s.terminal();
      expect(await member.send(text(member, 'member-demo', '确认'))).toEqual({ kind: 'delivered' });
      expect(s.accepted.map((m) => Number(m.CreateTime))).toEqual([(real().getTime() + 3 * DAY) / 1000]);
    } finally {
      await s.close();
    }
  });

  it('says why a callback was refused for another reason, and when nothing answers', async () => {
    const s = await sandbox();
    try {
      const badToken = new ChatDelivery({
        credentials: { ...CREDENTIALS, token: 'another' },
        serviceUrl: () => s.serviceUrl,
        fakeWecomUrl: () => s.fakeUrl,
        clock: real,
      });
      expect(await badToken.send(text(badToken, 'x', 'y'))).toEqual({
        kind: 'refused',
        status: 403,
        reason: 'bad_signature',
      });
      const nobody = new ChatDelivery({
        credentials: CREDENTIALS,
        serviceUrl: () => 'http://127.0.0.1:1',
        fakeWecomUrl: () => s.fakeUrl,
        clock: real,
      });
      expect(await nobody.send(text(nobody, 'x', 'y'))).toEqual({ kind: 'unreachable' });
      expect(s.accepted).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('gives each message an id of its own, even from two terminals in the same millisecond', () => {
    const a = new ChatDelivery({ credentials: CREDENTIALS, serviceUrl: () => '', fakeWecomUrl: () => '' });
    const ids = new Set(Array.from({ length: 1000 }, () => a.newMsgId()));
    expect(ids.size).toBe(1000);
  });
});

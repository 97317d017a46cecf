import { eq } from 'drizzle-orm';
import { outbox, outboxSends } from '../../src/core/db/schema';
import { retryDeadOutbox } from '../../src/core/outbox/outbox-admin';
import { OutboxDispatcher } from '../../src/core/outbox/outbox-dispatcher';
import { TemplateStore } from '../../src/core/templates/template-store';
import { captureLogs } from '../support/log-capture';
import { enqueueText, outboxRow, until } from '../support/outbox-helpers';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ outbox: { maxAttempts: 3 } });
});
afterAll(async () => {
  await svc.stop();
});
afterEach(() => svc.fake.clearFaults());

const SEND = '/cgi-bin/message/send';
const db = () => svc.database.db;
const sentTo = (user: string) => svc.fake.sentTo(user);

async function deliver(id: number): Promise<void> {
  svc.dispatcher.notify();
  await until(async () => (await outboxRow(db(), id)).status !== 'pending');
}

describe('outbox delivery under WeCom faults', () => {
  it('refreshes a token that expires mid-run, once, and loses nothing', async () => {
    const first = await enqueueText(db(), svc.clock(), 'tok-user', '第一条');
    await deliver(first);
    const tokensBefore = svc.fake.gettokenCount;
    svc.fake.invalidateTokens(42001);
    const ids = [
      await enqueueText(db(), svc.clock(), 'tok-user', '第二条'),
      await enqueueText(db(), svc.clock(), 'tok-user', '第三条'),
    ];
    for (const id of ids) await deliver(id);
    expect(sentTo('tok-user').map((s) => JSON.stringify(s.body))).toEqual([
      expect.stringContaining('第一条'),
      expect.stringContaining('第二条'),
      expect.stringContaining('第三条'),
    ]);
    expect(svc.fake.gettokenCount - tokensBefore).toBe(1);
  });

  it('rides out a 45009 storm and HTTP 500s with retries, sending exactly once', async () => {
    svc.fake.failNext(SEND, 45009, 5);
    svc.fake.httpErrorNext(SEND, 500, 2);
    const id = await enqueueText(db(), svc.clock(), 'storm-user', '风暴之后');
    await deliver(id);
    expect(await outboxRow(db(), id)).toMatchObject({ status: 'sent' });
    expect(sentTo('storm-user')).toHaveLength(1);
  });

  it('dead-letters a permanent error of one message at once with its code, and an operator retry sends it', async () => {
    svc.fake.failNext(SEND, 40003, 1);
    const id = await enqueueText(db(), svc.clock(), 'perm-user', '无效用户');
    await deliver(id);
    const dead = await outboxRow(db(), id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.lastError).toContain('40003 invalid UserID');
    expect(sentTo('perm-user')).toHaveLength(0);

    expect(await retryDeadOutbox(db(), [id], svc.clock())).toEqual([id]);
    await deliver(id);
    expect(await outboxRow(db(), id)).toMatchObject({ status: 'sent' });
    expect(sentTo('perm-user')).toHaveLength(1);
  });

  it('pauses sending on an app-wide error (60020 untrusted IP) instead of dead-lettering the queue', async () => {
    svc.fake.failNext(SEND, 60020, 1);
    const first = await enqueueText(db(), svc.clock(), 'ip-user-1', '第一条');
    const second = await enqueueText(db(), svc.clock(), 'ip-user-2', '第二条');
    svc.dispatcher.notify();
    await until(async () => (await outboxRow(db(), first)).lastError !== null);
    const paused = await outboxRow(db(), first);
    expect(paused).toMatchObject({ status: 'pending', attempts: 0 });
    expect(paused.lastError).toContain(
      '60020 server IP not in the app’s trusted IPs (企业可信IP) (from ip 1.2.3.4)',
    );
    // Once the pause is over (the fault is fixed), both go out.
    await deliver(first);
    await deliver(second);
    expect(await outboxRow(db(), first)).toMatchObject({ status: 'sent' });
    expect(await outboxRow(db(), second)).toMatchObject({ status: 'sent' });
  });

  it('WeCom busy (-1) for a long time pauses sending instead of dead-lettering, and sends when it answers', async () => {
    svc.fake.failNext(SEND, -1, 30);
    const id = await enqueueText(db(), svc.clock(), 'busy-user', '一直繁忙');
    const other = await enqueueText(db(), svc.clock(), 'busy-user-2', '别人的消息');
    await deliver(id);
    await deliver(other);
    expect(await outboxRow(db(), id)).toMatchObject({ status: 'sent' });
    expect(await outboxRow(db(), other)).toMatchObject({ status: 'sent' });
    expect(
      (await svc.database.db.select().from(outbox)).filter(
        (r) => r.status === 'dead' && r.recipient.startsWith('busy-user'),
      ),
    ).toHaveLength(0);
  });

  it('dead-letters a message no recipient of which is valid (81013)', async () => {
    svc.fake.setMembers(['someone-else']);
    const id = await enqueueText(db(), svc.clock(), 'ghost', '你好');
    await deliver(id);
    svc.fake.setMembers(undefined);
    // All recipients invalid: 81013, permanent.
    expect(await outboxRow(db(), id)).toMatchObject({ status: 'dead' });
    expect((await outboxRow(db(), id)).lastError).toContain('81013');
  });

  it('after a crash between commit and send, a restarted dispatcher delivers once, resuming after sent parts', async () => {
    await svc.dispatcher.stop();
    const whole = await enqueueText(db(), svc.clock(), 'crash-user', '崩溃前提交');
    const long = await enqueueText(db(), svc.clock(), 'crash-user', `${'长'.repeat(1000)}`);
    // The crashed process had sent part 0 of the long row (WeCom acknowledged it) and then died.
    await db().insert(outboxSends).values({
      outboxId: long,
      part: 0,
      channel: 'app',
      recipient: 'crash-user',
      sentAt: svc.clock(),
      wecomMsgId: 'before-crash',
    });

    const restarted = new OutboxDispatcher(
      {
        db: db(),
        api: svc.api,
        templates: new TemplateStore(),
        log: captureLogs().log,
        now: svc.clock,
      },
      { pollIntervalMs: 50, retryDelayMs: () => 20 },
    );
    restarted.start();
    await until(async () => (await outboxRow(db(), long)).status === 'sent');
    await restarted.stop();
    expect(await outboxRow(db(), whole)).toMatchObject({ status: 'sent' });
    const parts = await db().select().from(outboxSends).where(eq(outboxSends.outboxId, long));
    expect(parts.map((p) => p.part).sort()).toEqual([0, 1]);
    expect(sentTo('crash-user')).toHaveLength(2); // the whole row, and part 1 of the long one
  });
});

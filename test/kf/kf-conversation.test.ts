import { and, eq } from 'drizzle-orm';
import { inboundMessages, outbox, outboxSends } from '../../src/core/db/schema';
import { until } from '../support/outbox-helpers';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
  svc.fake.callbacks.setTarget({
    url: `${svc.url}/wecom/callback`,
    token: C.token,
    encodingAesKey: C.encodingAesKey,
  });
});
afterAll(async () => {
  await svc.stop();
});

const KF = 'wkShulanHelp';
const kfSendsTo = (user: string) => svc.fake.kf.sends.filter((s) => JSON.stringify(s.body).includes(user));

async function notify(): Promise<void> {
  const { delivery } = await svc.fake.callbacks.deliverKfNotification(KF);
  expect(delivery.status).toBe(200);
  await svc.kfPuller.whenIdle();
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
}

describe('微信客服 conversations', () => {
  it('pulls a resident message after kf_msg_or_event and answers through kf/send_msg', async () => {
    svc.fake.kf.enqueueMessage({
      openKfid: KF,
      externalUserId: 'wmResident1',
      content: '你好',
      msgid: 'kf-1',
    });
    await notify();
    const stored = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.channel, 'kf'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      conversationKey: `kf:${KF}:wmResident1`,
      status: 'processed',
      msgType: 'text',
    });
    await until(async () => kfSendsTo('wmResident1').length === 1);
    expect(kfSendsTo('wmResident1')[0]!.body).toMatchObject({
      open_kfid: KF,
      touser: 'wmResident1',
      msgtype: 'text',
    });
  });

  it('a repeated notification pulls nothing twice (cursor and msgid dedupe)', async () => {
    await notify();
    await notify();
    const stored = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.channel, 'kf'), eq(inboundMessages.fromUser, 'wmResident1')));
    expect(stored).toHaveLength(1);
    expect(kfSendsTo('wmResident1')).toHaveLength(1);
  });

  it('welcomes a resident entering the session through send_msg_on_event with the welcome code', async () => {
    svc.fake.kf.enqueueEnterSession({ openKfid: KF, externalUserId: 'wmNewcomer' });
    await notify();
    await until(async () => svc.fake.sent.some((s) => s.path === '/cgi-bin/kf/send_msg_on_event'));
    const welcome = svc.fake.sent.find((s) => s.path === '/cgi-bin/kf/send_msg_on_event');
    expect(JSON.stringify(welcome?.body)).toContain('舒兰市社会救助助手');
  });

  it('holds a sixth reply within the 48-hour window and releases it when the resident writes again', async () => {
    svc.fake.kf.enqueueMessage({
      openKfid: KF,
      externalUserId: 'wmBusy',
      content: '在吗',
      msgid: 'kf-busy-1',
    });
    await notify();
    await until(async () => kfSendsTo('wmBusy').length === 1);
    const body = { text: { templateId: 'test', templateVersion: 1, text: '案件进展' } };
    const rows = Array.from({ length: 5 }, () => ({
      channel: 'kf' as const,
      recipient: 'wmBusy',
      openKfId: KF,
      body,
      createdAt: svc.clock(),
      nextAttemptAt: svc.clock(),
    }));
    await svc.database.db.insert(outbox).values(rows);
    svc.dispatcher.notify();
    await until(async () => {
      const held = await svc.database.db.select().from(outbox).where(eq(outbox.status, 'held'));
      return held.length === 1;
    });
    expect(kfSendsTo('wmBusy')).toHaveLength(5);

    svc.fake.kf.enqueueMessage({
      openKfid: KF,
      externalUserId: 'wmBusy',
      content: '我回来了',
      msgid: 'kf-busy-2',
    });
    await notify();
    await until(async () => kfSendsTo('wmBusy').length === 7); // the released one and the answer to the new message
    expect(await svc.database.db.select().from(outbox).where(eq(outbox.status, 'held'))).toHaveLength(0);
  });
});

describe('微信客服 delivery edge cases', () => {
  it('records a replayed reply that WeCom refuses as a duplicate of our msgid as sent, not dead', async () => {
    svc.fake.kf.enqueueMessage({
      openKfid: KF,
      externalUserId: 'wmReplay',
      content: '你好',
      msgid: 'kf-replay-1',
    });
    await notify();
    await until(async () => kfSendsTo('wmReplay').length === 1);
    const [row] = await svc.database.db.select().from(outbox).where(eq(outbox.recipient, 'wmReplay'));
    // Simulate the crash: WeCom had the message, our record of it was lost, the row is pending again.
    await svc.database.db.delete(outboxSends).where(eq(outboxSends.outboxId, row!.id));
    await svc.database.db
      .update(outbox)
      .set({ status: 'pending', sentAt: null })
      .where(eq(outbox.id, row!.id));
    svc.dispatcher.notify();
    await until(
      async () =>
        (await svc.database.db.select().from(outbox).where(eq(outbox.id, row!.id)))[0]?.status === 'sent',
    );
    expect(kfSendsTo('wmReplay')).toHaveLength(1);
  });

  it('holds a reply when WeCom itself answers 95001', async () => {
    svc.fake.kf.enqueueMessage({
      openKfid: KF,
      externalUserId: 'wmCapped',
      content: '你好',
      msgid: 'kf-capped-1',
    });
    svc.fake.failNext('/cgi-bin/kf/send_msg', 95001, 1);
    await notify();
    await until(async () => {
      const rows = await svc.database.db.select().from(outbox).where(eq(outbox.recipient, 'wmCapped'));
      return rows[0]?.status === 'held';
    });
    const [row] = await svc.database.db.select().from(outbox).where(eq(outbox.recipient, 'wmCapped'));
    expect(row?.lastError).toContain('95001');
  });

  it('retries a failed pull without waiting for another callback', async () => {
    svc.fake.kf.enqueueMessage({
      openKfid: KF,
      externalUserId: 'wmRetry',
      content: '在吗',
      msgid: 'kf-retry-1',
    });
    svc.fake.failNext('/cgi-bin/kf/sync_msg', -1, 5); // more than the API client's own attempts
    const { delivery } = await svc.fake.callbacks.deliverKfNotification(KF);
    expect(delivery.status).toBe(200);
    await svc.kfPuller.whenIdle();
    await until(async () => {
      const rows = await svc.database.db
        .select()
        .from(inboundMessages)
        .where(eq(inboundMessages.fromUser, 'wmRetry'));
      return rows.length === 1;
    });
  });
});

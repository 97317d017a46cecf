import { eq } from 'drizzle-orm';
import { outbox, outboxSends } from '../../src/core/db/schema';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { enqueueText, outboxRow, until } from '../support/outbox-helpers';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc.stop();
});

async function settle(): Promise<void> {
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
}

describe('a reply goes from the handler through the outbox to WeCom', () => {
  it('answers 你好 with the welcome text, sent once through message/send and recorded with its msgid', async () => {
    const callback = sealCallback(
      C,
      textMessageXml(C, { fromUser: 'resident-1', content: '你好', msgId: 'd-1' }),
    );
    for (let i = 0; i < 3; i++) expect((await svc.post(callback)).status).toBe(200);
    await settle();
    const sent = svc.fake.sent.filter((s) => (s.body as { touser?: string }).touser === 'resident-1');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ msgtype: 'text', agentid: 1000002 });
    expect(JSON.stringify(sent[0]!.body)).toContain('舒兰市社会救助助手');
    const [row] = await svc.database.db.select().from(outbox).where(eq(outbox.recipient, 'resident-1'));
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    const sends = await svc.database.db.select().from(outboxSends).where(eq(outboxSends.outboxId, row!.id));
    expect(sends).toHaveLength(1);
    expect(sends[0]!.wecomMsgId).toBeTruthy();
  });

  it('keeps each recipient’s replies in the order they were committed', async () => {
    for (let i = 0; i < 5; i++) {
      const xml = textMessageXml(C, { fromUser: 'resident-order', content: `第${i}条`, msgId: `order-${i}` });
      await svc.post(sealCallback(C, xml));
    }
    await settle();
    const rows = await svc.database.db.select().from(outbox).where(eq(outbox.recipient, 'resident-order'));
    const sends = await svc.database.db
      .select()
      .from(outboxSends)
      .where(eq(outboxSends.recipient, 'resident-order'));
    // A reply may go out in several parts (text, then a card of choices): the parts of one row
    // are consecutive, and rows go in commit order.
    const sendOrder = [...sends].sort((a, b) => a.id - b.id).map((s) => s.outboxId);
    expect(sendOrder).toEqual([...sendOrder].sort((a, b) => a - b));
    expect([...new Set(sendOrder)]).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
  });

  it('sends a group-chat row through appchat/send, choices as numbered lines', async () => {
    const chatid = svc.fake.createChat({ userlist: ['lead', 'member-a', 'member-b'] });
    const id = await enqueueText(svc.database.db, svc.clock(), chatid, '协调小组通知', {
      channel: 'appchat',
      choices: [{ key: 'ok', label: '收到' }],
    });
    svc.dispatcher.notify();
    await until(async () => (await outboxRow(svc.database.db, id)).status === 'sent');
    const sent = svc.fake.sent.filter((s) => s.path === '/cgi-bin/appchat/send');
    expect(sent.at(-1)?.body).toMatchObject({
      chatid,
      msgtype: 'text',
      text: { content: '协调小组通知\n\n1. 收到' },
    });
  });
});

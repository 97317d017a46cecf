import { eq } from 'drizzle-orm';
import { outbox } from '../../src/core/db/schema';
import { OutboxDispatcher } from '../../src/core/outbox/outbox-dispatcher';
import { TemplateStore } from '../../src/core/templates/template-store';
import { captureLogs } from '../support/log-capture';
import { enqueueText, outboxRow, until } from '../support/outbox-helpers';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
  await svc.dispatcher.stop(); // this file runs its own dispatchers, as separate instances would
});
afterAll(async () => {
  await svc.stop();
});

function instance(leaseMs: number) {
  return new OutboxDispatcher(
    {
      db: svc.database.db,
      api: svc.api,
      templates: new TemplateStore(),
      log: captureLogs().log,
      now: svc.clock,
    },
    { leaseMs, pollIntervalMs: 20, batchSize: 5, retryDelayMs: () => 20 },
  );
}

describe('several dispatchers on one database', () => {
  it('send every row once even when sends outlast the lease', async () => {
    // Each send takes longer than the lease, so only the heartbeat keeps the row. The lease is
    // 600 ms (production: 120 s) so that a loaded CI machine's timer delays do not outlast it.
    svc.fake.latency('/cgi-bin/message/send', 900);
    const ids = [];
    for (let i = 0; i < 8; i++)
      ids.push(await enqueueText(svc.database.db, svc.clock(), `multi-${i % 4}`, `消息${i}`));
    const [a, b] = [instance(600), instance(600)];
    a.start();
    b.start();
    await until(async () => {
      const rows = await svc.database.db.select().from(outbox).where(eq(outbox.status, 'pending'));
      return rows.length === 0;
    }, 20_000);
    await Promise.all([a.stop(), b.stop()]);
    svc.fake.latency('/cgi-bin/message/send', 0);
    for (let i = 0; i < 4; i++) {
      const texts = svc.fake.sentTo(`multi-${i}`).map((s) => JSON.stringify(s.body));
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain(`消息${i}`);
      expect(texts[1]).toContain(`消息${i + 4}`);
    }
    for (const id of ids) expect((await outboxRow(svc.database.db, id)).status).toBe('sent');
  });

  it('a crashed instance’s lease runs out and another instance sends its rows', async () => {
    const id = await enqueueText(svc.database.db, svc.clock(), 'orphan', '孤儿消息');
    // The crashed instance had claimed the row: a lease that will not be renewed.
    await svc.database.db
      .update(outbox)
      .set({ lockedUntil: new Date(svc.clock().getTime() + 200), leaseToken: 'crashed-instance' })
      .where(eq(outbox.id, id));
    const survivor = instance(1_000);
    survivor.start();
    await until(async () => (await outboxRow(svc.database.db, id)).status === 'sent');
    await survivor.stop();
    expect(svc.fake.sentTo('orphan')).toHaveLength(1);
  });
});

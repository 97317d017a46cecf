import { OutboxDispatcher } from '../../src/core/outbox/outbox-dispatcher';
import { TemplateStore } from '../../src/core/templates/template-store';
import { captureLogs } from '../support/log-capture';
import { enqueueText, outboxRow } from '../support/outbox-helpers';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
let clock = new Date('2026-12-01T01:00:00Z');
beforeAll(async () => {
  svc = await startTestService();
  await svc.dispatcher.stop(); // this file drives its own dispatcher on a controlled clock
});
afterAll(async () => {
  await svc.stop();
});

describe('send-rate limits', () => {
  it('never sends more than the per-recipient limit in a minute, and sends the rest when the window frees', async () => {
    const dispatcher = new OutboxDispatcher(
      {
        db: svc.database.db,
        api: svc.api,
        templates: new TemplateStore(),
        log: captureLogs().log,
        now: () => clock,
      },
      { limits: { perRecipientPerMinute: 3, perRecipientPerHour: 100, perAppPerMinute: 100 } },
    );
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueueText(svc.database.db, clock, 'limited', `第${i}条`));
    while ((await dispatcher.runOnce()) > 0) {}
    expect(svc.fake.sentTo('limited')).toHaveLength(3);
    const waiting = await outboxRow(svc.database.db, ids[3]!);
    expect(waiting.status).toBe('pending');
    expect(waiting.nextAttemptAt.getTime()).toBe(clock.getTime() + 60_001);

    clock = new Date(clock.getTime() + 30_000); // half a minute later: still nothing may go
    while ((await dispatcher.runOnce()) > 0) {}
    expect(svc.fake.sentTo('limited')).toHaveLength(3);

    clock = new Date(clock.getTime() + 30_001);
    while ((await dispatcher.runOnce()) > 0) {}
    expect(svc.fake.sentTo('limited')).toHaveLength(5);
    expect(svc.fake.sent.filter((s) => s.dropped)).toHaveLength(0);
  });

  it('holds the whole app to its per-minute limit across recipients', async () => {
    const dispatcher = new OutboxDispatcher(
      {
        db: svc.database.db,
        api: svc.api,
        templates: new TemplateStore(),
        log: captureLogs().log,
        now: () => clock,
      },
      { limits: { perRecipientPerMinute: 25, perRecipientPerHour: 950, perAppPerMinute: 4 } },
    );
    clock = new Date(clock.getTime() + 3_600_000);
    for (let i = 0; i < 6; i++) await enqueueText(svc.database.db, clock, `app-limit-${i}`, '通知');
    while ((await dispatcher.runOnce()) > 0) {}
    const sent = svc.fake.sent.filter((s) => JSON.stringify(s.body).includes('app-limit-'));
    expect(sent).toHaveLength(4);
  });
});

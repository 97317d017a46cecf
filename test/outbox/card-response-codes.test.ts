import { recordClickCode, takeResponseCode } from '../../src/core/outbox/card-response-codes';
import { ourId } from '../../src/core/outbox/send-part';
import { enqueueText, outboxRow, until } from '../support/outbox-helpers';
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

describe('template-card response codes', () => {
  it('keeps the code of a sent card and of each click; each is used once and updates the card', async () => {
    const id = await enqueueText(svc.database.db, svc.clock(), 'member-7', '评审合议会邀请', {
      choices: [
        { key: 'attend', label: '参加' },
        { key: 'leave', label: '请假' },
      ],
    });
    svc.dispatcher.notify();
    await until(async () => (await outboxRow(svc.database.db, id)).status === 'sent');
    const taskId = ourId(await outboxRow(svc.database.db, id));

    const { delivery } = await svc.fake.callbacks.deliverCardClick({
      fromUser: 'member-7',
      taskId,
      eventKey: 'attend',
    });
    expect(delivery.status).toBe(200);
    await svc.worker.whenIdle();

    const now = svc.clock();
    const fromClick = await takeResponseCode(svc.database.db, taskId, 'member-7', now);
    expect(fromClick).toBeTruthy();
    await svc.api.updateTemplateCard(['member-7'], fromClick!, { button: { replace_name: '已确认参加' } });
    expect(svc.fake.cardUpdates.at(-1)).toMatchObject({ taskId, replaceName: '已确认参加' });

    const fromSend = await takeResponseCode(svc.database.db, taskId, 'member-7', now);
    expect(fromSend).toBeTruthy();
    expect(fromSend).not.toBe(fromClick);
    expect(await takeResponseCode(svc.database.db, taskId, 'member-7', now)).toBeUndefined();
  });

  it('treats a code as expired after 24 hours', async () => {
    const at = new Date('2026-12-01T08:00:00Z');
    await recordClickCode(svc.database.db, { responseCode: 'rc-old', taskId: 'meeting-9', userId: 'm9' }, at);
    const later = new Date(at.getTime() + 24 * 3_600_000);
    expect(await takeResponseCode(svc.database.db, 'meeting-9', 'm9', later)).toBeUndefined();
    const justBefore = new Date(later.getTime() - 1);
    expect(await takeResponseCode(svc.database.db, 'meeting-9', 'm9', justBefore)).toBe('rc-old');
  });
});

import { desc, eq } from 'drizzle-orm';
import { outbox, outboxSends } from '../../src/core/db/schema';
import { readOutboxBody } from '../../src/core/outbox/card-update';
import { enqueueOutbox } from '../../src/core/outbox/outbox-enqueue';
import { renderForApp } from '../../src/core/outbox/render-reply';
import type { ReplyModel } from '../../src/core/outbox/reply-model';
import { TemplateStore } from '../../src/core/templates/template-store';
import { FAKE_CHOSEN_ERRCODES } from '../../src/sandbox/fake-wecom/errcodes';
import { outboxRow, until } from '../support/outbox-helpers';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const templates = new TemplateStore();
const text = (t: string) => ({ templateId: 'test.text', templateVersion: 1, text: t });

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

async function enqueue(
  recipient: string,
  body: Parameters<typeof enqueueOutbox>[1][number]['body'],
  channel: 'app' | 'kf' = 'app',
): Promise<number> {
  const db = svc.database.db;
  await enqueueOutbox(
    db,
    [{ channel, recipient, body, openKfId: channel === 'kf' ? 'wkX' : undefined }],
    svc.clock(),
  );
  const [row] = await db.select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).limit(1);
  svc.dispatcher.notify();
  return row!.id;
}

/** Sends a card with our own task_id, clicks it, and answers the click's response code. */
async function cardAndClick(user: string, taskId: string): Promise<string> {
  const id = await enqueue(user, {
    text: text('评审合议会邀请'),
    choices: [
      { key: 'meeting:attend', label: '参加' },
      { key: 'meeting:decline', label: '请假' },
    ],
    card: { taskId, title: '评审合议会通知', desc: '2026年12月11日 09:00' },
  });
  await until(async () => (await outboxRow(svc.database.db, id)).status === 'sent');
  const { responseCode } = await svc.fake.callbacks.deliverCardClick({
    fromUser: user,
    taskId,
    eventKey: 'x:none',
  });
  await svc.worker.whenIdle();
  return responseCode;
}

describe('card updates through the outbox', () => {
  it('a reply may name its card’s task_id and heading', () => {
    const reply: ReplyModel = {
      text: text('邀请'),
      choices: [{ key: 'meeting:attend', label: '参加' }],
      card: { taskId: 'mtg1_abc', title: '评审合议会通知', desc: '12月11日' },
    };
    expect(renderForApp(reply, 'ob9', templates)[1]).toEqual({
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'mtg1_abc',
        main_title: { title: '评审合议会通知', desc: '12月11日' },
        button_list: [{ text: '参加', key: 'meeting:attend', style: 1 }],
      },
    });
  });

  it('refuses to write a malformed body, and reads back both kinds', async () => {
    await expect(
      enqueueOutbox(
        svc.database.db,
        [
          {
            channel: 'app',
            recipient: 'u',
            body: { cardUpdate: { taskId: 'bad id!', responseCode: 'r', replaceName: 'x' } },
          },
        ],
        svc.clock(),
      ),
    ).rejects.toThrow('malformed');
    expect(readOutboxBody({ text: text('a') })?.kind).toBe('reply');
    expect(
      readOutboxBody({ cardUpdate: { taskId: 't1', responseCode: 'r', replaceName: '已请假' } })?.kind,
    ).toBe('card-update');
    expect(readOutboxBody({ cardUpdate: { taskId: 't1' } })).toBeUndefined();
  });

  it('greys the card with the click’s code, once, recorded as the row’s part', async () => {
    const code = await cardAndClick('member-1', 'mtgT1_a');
    const id = await enqueue('member-1', {
      cardUpdate: { taskId: 'mtgT1_a', responseCode: code, replaceName: '已确认参加' },
    });
    await until(async () => (await outboxRow(svc.database.db, id)).status === 'sent');
    expect(svc.fake.cardUpdates.filter((u) => u.taskId === 'mtgT1_a')).toEqual([
      expect.objectContaining({ responseCode: code, userids: ['member-1'], replaceName: '已确认参加' }),
    ]);
    expect(await svc.database.db.select().from(outboxSends).where(eq(outboxSends.outboxId, id))).toHaveLength(
      1,
    );
  });

  it('a retry after a lost answer finds the code used and counts the update as done', async () => {
    const code = await cardAndClick('member-2', 'mtgT2_a');
    // WeCom applied the update but the answer was lost: the code is spent, our row does not know.
    await svc.api.updateTemplateCard(['member-2'], code, { button: { replace_name: '已请假' } });
    const id = await enqueue('member-2', {
      cardUpdate: { taskId: 'mtgT2_a', responseCode: code, replaceName: '已请假' },
    });
    await until(async () => (await outboxRow(svc.database.db, id)).status === 'sent');
    expect(svc.fake.cardUpdates.filter((u) => u.taskId === 'mtgT2_a')).toHaveLength(1);
  });

  it('retries a transient failure and dead-letters a code WeCom does not know, with its meaning', async () => {
    const code = await cardAndClick('member-3', 'mtgT3_a');
    svc.fake.failNext('/cgi-bin/message/update_template_card', -1, 5);
    const id = await enqueue('member-3', {
      cardUpdate: { taskId: 'mtgT3_a', responseCode: code, replaceName: '已请假' },
    });
    await until(async () => (await outboxRow(svc.database.db, id)).status === 'sent');
    expect((await outboxRow(svc.database.db, id)).attempts).toBeGreaterThan(1);

    const unknown = await enqueue('member-3', {
      cardUpdate: { taskId: 'mtgT3_a', responseCode: 'never-issued', replaceName: '已请假' },
    });
    await until(async () => (await outboxRow(svc.database.db, unknown)).status === 'dead');
    expect((await outboxRow(svc.database.db, unknown)).lastError).toContain(
      String(FAKE_CHOSEN_ERRCODES.unknownResponseCode),
    );
  });

  it('a card update addressed to 微信客服 is dead-lettered (cards exist on the self-built app only)', async () => {
    const id = await enqueue(
      'wm-resident',
      { cardUpdate: { taskId: 'mtgT4_a', responseCode: 'rc', replaceName: '已请假' } },
      'kf',
    );
    await until(async () => (await outboxRow(svc.database.db, id)).status === 'dead');
    expect((await outboxRow(svc.database.db, id)).lastError).toContain('self-built app only');
  });
});

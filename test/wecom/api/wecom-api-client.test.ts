import { systemClock } from '../../../src/core/clock/clock';
import { wecomAccessTokens } from '../../../src/core/db/schema';
import { WecomApiError } from '../../../src/core/wecom/api/api-error';
import { WecomApiClient } from '../../../src/core/wecom/api/wecom-api-client';
import { FakeWecomServer } from '../../../src/sandbox/fake-wecom-server';
import { captureLogs } from '../../support/log-capture';
import { openTestDatabase } from '../../support/test-database';
import { TEST_CREDENTIALS as C } from '../../support/test-service';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let fake: FakeWecomServer;
let url: string;

beforeAll(async () => {
  database = await openTestDatabase();
  fake = new FakeWecomServer({ corpId: C.corpId, secret: C.secret, agentId: C.agentId });
  url = await fake.listen(0);
});
afterAll(async () => {
  await fake.close();
  await database.dispose();
});
afterEach(() => fake.clearFaults());

function client(overrides: { secret?: string } = {}) {
  return new WecomApiClient({
    baseUrl: url,
    corpId: C.corpId,
    agentId: C.agentId,
    secret: overrides.secret ?? C.secret,
    db: database.db,
    log: captureLogs().log,
    lockAcrossInstances: database.kind === 'postgres',
    // The fake WeCom keeps real time, so its token expiry and ours agree.
    now: systemClock,
    timeoutMs: 1_000,
    sleep: async () => {},
  });
}

describe('WeCom API client', () => {
  it('shares one token between concurrent callers and between clients (database cache)', async () => {
    const before = fake.gettokenCount;
    const a = client();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        a.sendMessage(['u1'], { msgtype: 'text', text: { content: `并发${i}` } }),
      ),
    );
    await client().sendMessage(['u1'], { msgtype: 'text', text: { content: '另一个实例' } });
    expect(fake.gettokenCount - before).toBe(1);
  });

  it('reports a wrong secret as permanent 40001 without retrying', async () => {
    const before = fake.gettokenCount;
    await database.db.delete(wecomAccessTokens);
    const error = await client({ secret: 'wrong-secret-000' })
      .sendMessage(['u1'], { msgtype: 'text', text: { content: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WecomApiError);
    expect((error as WecomApiError).errcode).toBe(40001);
    expect((error as WecomApiError).kind).toBe('permanent');
    expect(fake.gettokenCount - before).toBe(1);
  });

  it('retries connection resets and gives up after its attempts with a transient error', async () => {
    fake.resetNext('/cgi-bin/message/send', 2);
    const ok = await client().sendMessage(['u2'], { msgtype: 'text', text: { content: '重试' } });
    expect(ok.msgid).toBeTruthy();
    fake.failNext('/cgi-bin/message/send', -1, 10);
    const error = await client()
      .sendMessage(['u2'], { msgtype: 'text', text: { content: '放弃' } })
      .catch((e: unknown) => e);
    expect((error as WecomApiError).kind).toBe('transient');
  });

  it('sends an interactive card, gets its response_code, and updates the card with it once', async () => {
    const api = client();
    const sent = await api.sendMessage(['member1'], {
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'meeting-1-v1',
        main_title: { title: '评审合议会' },
        button_list: [{ text: '参加', key: 'attend', style: 1 }],
      },
    });
    expect(sent.response_code).toBeTruthy();
    await api.updateTemplateCard(['member1'], sent.response_code!, {
      button: { replace_name: '已确认参加' },
    });
    expect(fake.cardUpdates.at(-1)).toMatchObject({ replaceName: '已确认参加', taskId: 'meeting-1-v1' });
    await expect(
      api.updateTemplateCard(['member1'], sent.response_code!, { button: { replace_name: '再次' } }),
    ).rejects.toBeInstanceOf(WecomApiError);
  });

  it('uploads a file as multipart `media` and sends it to a group chat', async () => {
    const api = client();
    const upload = await api.uploadMedia(
      'file',
      '月报表.xlsx',
      new TextEncoder().encode('report bytes'),
      'application/octet-stream',
    );
    expect(upload.media_id).toBeTruthy();
    const chatid = fake.createChat({ userlist: ['a', 'b'] });
    const sent = await api.sendToAppChat(chatid, { msgtype: 'file', file: { media_id: upload.media_id } });
    expect(sent.errcode).toBe(0);
  });
});

describe('access token near its end', () => {
  it('uses a token WeCom hands back with little time left instead of fetching on every call', async () => {
    let clock = new Date('2026-12-01T00:00:00Z');
    const now = () => clock;
    const timedFake = new FakeWecomServer({ corpId: C.corpId, secret: C.secret, agentId: '1000009', now });
    const base = await timedFake.listen(0);
    const api = new WecomApiClient({
      baseUrl: base,
      corpId: C.corpId,
      agentId: '1000009',
      secret: C.secret,
      db: database.db,
      log: captureLogs().log,
      now,
      sleep: async () => {},
    });
    try {
      await api.sendMessage(['u1'], { msgtype: 'text', text: { content: '开始' } });
      clock = new Date(clock.getTime() + 7_000_000); // 200 s before the token ends
      for (let i = 0; i < 5; i++)
        await api.sendMessage(['u1'], { msgtype: 'text', text: { content: `临近${i}` } });
      expect(timedFake.gettokenCount).toBe(2);
      clock = new Date(clock.getTime() + 200_000); // expired: a new token
      await api.sendMessage(['u1'], { msgtype: 'text', text: { content: '新令牌' } });
      expect(timedFake.gettokenCount).toBe(3);
    } finally {
      await timedFake.close();
    }
  });
});

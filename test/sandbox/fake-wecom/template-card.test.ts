import { FAKE_CHOSEN_ERRCODES } from '../../../src/sandbox/fake-wecom';
import { CORP, type Fixture, startFake } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake({ extraApps: [{ secret: 'other-secret', agentId: '1000003' }] });
});
afterEach(() => f.fake.close());

const card = (taskId: string, agentid = Number(CORP.agentId)) => ({
  touser: 'caseworker01',
  msgtype: 'template_card',
  agentid,
  template_card: {
    card_type: 'button_interaction',
    task_id: taskId,
    main_title: { title: 'New request #123' },
    button_list: [
      { text: 'Accept', style: 1, key: 'accept:123' },
      { text: 'Reject', style: 2, key: 'reject:123' },
    ],
  },
});

const update = (responseCode: string, agentid = Number(CORP.agentId)) => ({
  userids: ['caseworker01'],
  agentid,
  response_code: responseCode,
  button: { replace_name: '已受理' },
});

describe('interactive template cards', () => {
  it('answers a response_code and registers the task_id; a reused task_id is refused', async () => {
    const first = await f.post('/cgi-bin/message/send', card('case-123-v1'));
    expect(first).toMatchObject({ errcode: 0, response_code: expect.any(String) });
    const again = await f.post('/cgi-bin/message/send', card('case-123-v1'));
    expect(again).toMatchObject({ errcode: FAKE_CHOSEN_ERRCODES.duplicateTaskId });
    expect(String(again.errmsg)).toContain('task_id');
    expect(f.fake.sent).toHaveLength(1);
  });

  it('requires a task_id on interactive cards and no response_code on text_notice', async () => {
    const noTask = card('x');
    delete (noTask.template_card as { task_id?: string }).task_id;
    expect(await f.post('/cgi-bin/message/send', noTask)).toMatchObject({ errcode: 40058 });
    const notice = {
      ...card('notice-1'),
      template_card: {
        card_type: 'text_notice',
        main_title: { title: 'FYI' },
        card_action: { type: 1, url: 'https://x' },
      },
    };
    const reply = await f.post('/cgi-bin/message/send', notice);
    expect(reply.errcode).toBe(0);
    expect(reply.response_code).toBeUndefined();
  });

  it('update_template_card consumes a response_code once and records the replacement', async () => {
    const sent = await f.post('/cgi-bin/message/send', card('case-7'));
    const code = String(sent.response_code);
    expect(await f.post('/cgi-bin/message/update_template_card', update(code))).toMatchObject({
      errcode: 0,
      invaliduser: [],
    });
    expect(f.fake.cardUpdates).toEqual([
      expect.objectContaining({
        responseCode: code,
        taskId: 'case-7',
        replaceName: '已受理',
        userids: ['caseworker01'],
      }),
    ]);
    expect(await f.post('/cgi-bin/message/update_template_card', update(code))).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.usedResponseCode,
    });
  });

  it('records a whole-card replacement', async () => {
    const sent = await f.post('/cgi-bin/message/send', card('case-8'));
    const replacement = { card_type: 'text_notice', main_title: { title: 'Accepted by 王' } };
    const body = { ...update(String(sent.response_code)), button: undefined, template_card: replacement };
    expect(await f.post('/cgi-bin/message/update_template_card', body)).toMatchObject({ errcode: 0 });
    expect(f.fake.cardUpdates[0]).toMatchObject({ templateCard: replacement, replaceName: undefined });
  });

  it('refuses response codes that are unknown, expired after 24 h, or from another app', async () => {
    expect(await f.post('/cgi-bin/message/update_template_card', update('made-up'))).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.unknownResponseCode,
    });
    const sent = await f.post('/cgi-bin/message/send', card('case-9'));
    f.clock.advance(24 * 3600);
    expect(
      await f.post('/cgi-bin/message/update_template_card', update(String(sent.response_code))),
    ).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.expiredResponseCode,
      errmsg: expect.stringContaining('expired'),
    });

    const fresh = await f.post('/cgi-bin/message/send', card('case-10'));
    const otherToken = await f.token('other-secret');
    const fromOtherApp = update(String(fresh.response_code), 1000003);
    expect(await f.post('/cgi-bin/message/update_template_card', fromOtherApp, otherToken)).toMatchObject({
      errcode: 42015,
    });
  });

  it('a click callback code is a fresh single-use code for the same task', async () => {
    await f.post('/cgi-bin/message/send', card('case-11'));
    const clickCode = f.fake.issueResponseCode('case-11');
    expect(await f.post('/cgi-bin/message/update_template_card', update(clickCode))).toMatchObject({
      errcode: 0,
    });
    expect(f.fake.cardUpdates[0]?.taskId).toBe('case-11');
  });
});

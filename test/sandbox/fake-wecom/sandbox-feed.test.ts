import { FakeWecomServer } from '../../../src/sandbox/fake-wecom';
import { FakeWecomServer as FromOldPath } from '../../../src/sandbox/fake-wecom-server';
import { type Fixture, startFake, textTo } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake({ memberRateLimit: { perMinute: 1, perHour: 100 } });
});
afterEach(() => f.fake.close());

describe('sandbox tooling endpoints', () => {
  it('keeps the old import path working', () => {
    expect(FromOldPath).toBe(FakeWecomServer);
  });

  it('GET /sandbox/sent?after=N pages through what the product sent, hiding dropped copies', async () => {
    const token = await f.token();
    await f.post('/cgi-bin/message/send', textTo('resident-demo', 'one'), token);
    await f.post('/cgi-bin/message/send', textTo('resident-demo', 'dropped'), token);
    await f.post('/cgi-bin/message/send', textTo('other', 'two'), token);
    const all = await f.getJson('/sandbox/sent', { after: '0' });
    expect(all.next).toBe(3);
    expect(all.sent).toEqual([
      expect.objectContaining({
        path: '/cgi-bin/message/send',
        body: expect.objectContaining({ touser: 'resident-demo' }),
      }),
      expect.objectContaining({ body: expect.objectContaining({ touser: 'other' }) }),
    ]);
    expect(await f.getJson('/sandbox/sent', { after: '3' })).toMatchObject({ next: 3, sent: [] });
    expect(((await f.getJson('/sandbox/sent', { after: '1', dropped: '1' })).sent as unknown[]).length).toBe(
      2,
    );
  });

  it('is reachable during faults and is not logged as an API call', async () => {
    f.fake.failNext('*', -1, 5);
    expect(await f.getJson('/sandbox/sent')).toMatchObject({ next: 0, sent: [] });
    expect(f.fake.calls).toHaveLength(0);
  });

  it('POST /sandbox/response-code mints a click code for a sent card', async () => {
    await f.post('/cgi-bin/message/send', {
      touser: 'cw',
      agentid: 1000002,
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 't-1',
        button_list: [{ text: 'OK', key: 'ok' }],
      },
    });
    const res = await fetch(`${f.url}/sandbox/response-code`, {
      method: 'POST',
      body: JSON.stringify({ task_id: 't-1' }),
    });
    const minted = (await res.json()) as { response_code: string; card_type: string };
    expect(minted.card_type).toBe('button_interaction');
    const update = {
      userids: ['cw'],
      agentid: 1000002,
      response_code: minted.response_code,
      button: { replace_name: '✓' },
    };
    expect(await f.post('/cgi-bin/message/update_template_card', update)).toMatchObject({ errcode: 0 });
    // npm run chat shows the update too (a greyed button is the answer to a click).
    expect(await f.getJson('/sandbox/sent', { updatesAfter: '0' })).toMatchObject({
      nextUpdate: 1,
      updates: [{ taskId: 't-1', userids: ['cw'], replaceName: '✓' }],
    });
    expect(await f.getJson('/sandbox/sent', { updatesAfter: '1' })).toMatchObject({ updates: [] });
  });
});

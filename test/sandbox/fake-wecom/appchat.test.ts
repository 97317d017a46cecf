import { type Fixture, startFake } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake({
    members: ['wang', 'li', 'zhao'],
    extraApps: [{ secret: 'other-secret', agentId: '1000003' }],
  });
});
afterEach(() => f.fake.close());

const text = (chatid: string) => ({ chatid, msgtype: 'text', text: { content: '今日待办 3 件' }, safe: 0 });

describe('appchat', () => {
  it('sends to a chat created through the helper and records the chat members as recipients', async () => {
    const chatid = f.fake.createChat({ chatid: 'street7', name: '七街道', userlist: ['wang', 'li'] });
    expect(await f.post('/cgi-bin/appchat/send', text(chatid))).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(f.fake.sent[0]).toMatchObject({
      path: '/cgi-bin/appchat/send',
      chatid,
      recipients: ['wang', 'li'],
    });
  });

  it('emulates appchat/create and appchat/get', async () => {
    const created = await f.post('/cgi-bin/appchat/create', {
      name: '督办',
      owner: 'zhao',
      userlist: ['zhao', 'li'],
    });
    expect(created).toMatchObject({ errcode: 0, chatid: expect.stringMatching(/^[0-9a-zA-Z]{1,32}$/) });
    const query = { access_token: await f.token(), chatid: String(created.chatid) };
    expect(await f.getJson('/cgi-bin/appchat/get', query)).toMatchObject({
      chat_info: { name: '督办', owner: 'zhao', userlist: ['zhao', 'li'] },
    });
    expect(await f.post('/cgi-bin/appchat/create', { userlist: ['zhao'] })).toMatchObject({ errcode: 86006 });
    expect(await f.post('/cgi-bin/appchat/create', { userlist: ['zhao', 'ghost'] })).toMatchObject({
      errcode: 86007,
    });
  });

  it('refuses unknown chats (86003) and chats of another app (86008)', async () => {
    expect(await f.post('/cgi-bin/appchat/send', text('nochat'))).toMatchObject({ errcode: 86003 });
    const chatid = f.fake.createChat({ userlist: ['wang', 'li'] });
    expect(await f.post('/cgi-bin/appchat/send', text(chatid), await f.token('other-secret'))).toMatchObject({
      errcode: 86008,
    });
    expect(f.fake.sent).toHaveLength(0);
  });
});

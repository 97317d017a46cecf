import { FAKE_CHOSEN_ERRCODES } from '../../../src/sandbox/fake-wecom';
import { type Fixture, startFake } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake();
});
afterEach(() => f.fake.close());

const reply = (msgid: string, content = '已收到') => ({
  touser: 'wmResident1',
  open_kfid: 'wkDESK',
  msgid,
  msgtype: 'text',
  text: { content },
});
const residentSays = (content = '你好') =>
  f.fake.kf.enqueueMessage({ openKfid: 'wkDESK', externalUserId: 'wmResident1', content });

describe('kf/send_msg reply window', () => {
  it('needs a resident message first (95002)', async () => {
    expect(await f.post('/cgi-bin/kf/send_msg', reply('m0'))).toMatchObject({ errcode: 95002 });
  });

  it('allows 5 messages after a resident message, then 95001; a new resident message resets it', async () => {
    residentSays();
    const token = await f.token();
    for (let i = 1; i <= 5; i += 1) {
      expect(await f.post('/cgi-bin/kf/send_msg', reply(`m${i}`), token)).toMatchObject({
        errcode: 0,
        msgid: `m${i}`,
      });
    }
    expect(await f.post('/cgi-bin/kf/send_msg', reply('m6'), token)).toMatchObject({ errcode: 95001 });
    residentSays('还有问题');
    expect(await f.post('/cgi-bin/kf/send_msg', reply('m6'), token)).toMatchObject({ errcode: 0 });
    expect(f.fake.kf.sends.map((send) => send.msgid)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(f.fake.kf.sends[0]).toMatchObject({
      recipients: ['wmResident1'],
      openKfid: 'wkDESK',
      msgtype: 'text',
    });
  });

  it('closes the window 48 h after the last resident message (95002)', async () => {
    residentSays();
    f.clock.advance(48 * 3600 - 1);
    expect(await f.post('/cgi-bin/kf/send_msg', reply('late-1'))).toMatchObject({ errcode: 0 });
    f.clock.advance(1);
    expect(await f.post('/cgi-bin/kf/send_msg', reply('late-2'))).toMatchObject({ errcode: 95002 });
  });

  it('refuses a reused msgid without counting it', async () => {
    residentSays();
    expect(await f.post('/cgi-bin/kf/send_msg', reply('same'))).toMatchObject({ errcode: 0 });
    expect(await f.post('/cgi-bin/kf/send_msg', reply('same'))).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.duplicateKfMsgid,
    });
    expect(f.fake.kf.sends).toHaveLength(1);
  });

  it('validates msgmenu and text content', async () => {
    residentSays();
    const menu = {
      ...reply('menu-1'),
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: '请选择',
        list: [{ type: 'click', click: { id: '101', content: '查询进度' } }],
      },
    };
    expect(await f.post('/cgi-bin/kf/send_msg', menu)).toMatchObject({ errcode: 0 });
    expect(await f.post('/cgi-bin/kf/send_msg', reply('empty', ''))).toMatchObject({ errcode: 44004 });
    expect(await f.post('/cgi-bin/kf/send_msg', { ...reply('bad'), msgtype: 'template_card' })).toMatchObject(
      {
        errcode: 40008,
      },
    );
  });
});

describe('kf/send_msg_on_event', () => {
  it('sends the welcome once with a welcome_code valid 20 s', async () => {
    const { welcomeCode } = f.fake.kf.enqueueEnterSession({ openKfid: 'wkDESK', externalUserId: 'wmNew' });
    const body = {
      code: welcomeCode,
      msgid: 'welcome-1',
      msgtype: 'text',
      text: { content: '您好，请问办理什么事项？' },
    };
    expect(await f.post('/cgi-bin/kf/send_msg_on_event', body)).toMatchObject({
      errcode: 0,
      msgid: 'welcome-1',
    });
    expect(f.fake.kf.sends[0]).toMatchObject({
      recipients: ['wmNew'],
      path: '/cgi-bin/kf/send_msg_on_event',
    });
    expect(await f.post('/cgi-bin/kf/send_msg_on_event', { ...body, msgid: 'welcome-2' })).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.invalidKfEventCode,
      errmsg: expect.stringContaining('used'),
    });

    const late = f.fake.kf.enqueueEnterSession({ openKfid: 'wkDESK', externalUserId: 'wmSlow' });
    f.clock.advance(20);
    expect(await f.post('/cgi-bin/kf/send_msg_on_event', { ...body, code: late.welcomeCode })).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.invalidKfEventCode,
      errmsg: expect.stringContaining('expired'),
    });
  });
});

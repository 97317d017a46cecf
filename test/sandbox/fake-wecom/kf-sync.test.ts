import { FAKE_CHOSEN_ERRCODES } from '../../../src/sandbox/fake-wecom';
import { type Fixture, startFake } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake({ kfAccounts: ['wkDESK', 'wkOTHER'] });
});
afterEach(() => f.fake.close());

interface Page {
  errcode: number;
  next_cursor: string;
  has_more: 0 | 1;
  msg_list: { msgid: string; origin: number; msgtype: string; text?: { content: string } }[];
}

const sync = async (body: Record<string, unknown>) =>
  (await f.post('/cgi-bin/kf/sync_msg', body)) as unknown as Page;

describe('kf/sync_msg', () => {
  it('pages through the queue with real cursors and has_more', async () => {
    for (let i = 1; i <= 5; i += 1) {
      f.fake.kf.enqueueMessage({ openKfid: 'wkDESK', externalUserId: 'wmResident1', content: `第${i}条` });
    }
    f.fake.kf.enqueueMessage({ openKfid: 'wkOTHER', externalUserId: 'wmSomeoneElse', content: 'elsewhere' });

    const first = await sync({ open_kfid: 'wkDESK', limit: 2 });
    expect(first).toMatchObject({ errcode: 0, has_more: 1 });
    expect(first.msg_list.map((m) => m.text?.content)).toEqual(['第1条', '第2条']);
    expect(first.msg_list[0]).toMatchObject({
      origin: 3,
      msgtype: 'text',
      open_kfid: 'wkDESK',
      external_userid: 'wmResident1',
      send_time: Math.floor(f.clock.now().getTime() / 1000),
    });
    const second = await sync({ open_kfid: 'wkDESK', limit: 2, cursor: first.next_cursor });
    expect(second.msg_list.map((m) => m.text?.content)).toEqual(['第3条', '第4条']);
    expect(second.has_more).toBe(1);
    const third = await sync({ open_kfid: 'wkDESK', limit: 2, cursor: second.next_cursor });
    expect(third.msg_list.map((m) => m.text?.content)).toEqual(['第5条']);
    expect(third.has_more).toBe(0);

    // Nothing new: an empty page; a later message shows up after the stored cursor.
    expect((await sync({ open_kfid: 'wkDESK', cursor: third.next_cursor })).msg_list).toEqual([]);
    f.fake.kf.enqueueMessage({ openKfid: 'wkDESK', externalUserId: 'wmResident1', content: '还在吗' });
    const later = await sync({ open_kfid: 'wkDESK', cursor: third.next_cursor });
    expect(later.msg_list.map((m) => m.text?.content)).toEqual(['还在吗']);
  });

  it('can answer an empty page with has_more 1, and the loop must go on', async () => {
    f.fake.kf.enqueueMessage({ openKfid: 'wkDESK', externalUserId: 'wmR', content: 'hello' });
    f.fake.kf.injectEmptyPages(1);
    const empty = await sync({ open_kfid: 'wkDESK' });
    expect(empty).toMatchObject({ errcode: 0, has_more: 1, msg_list: [] });
    const next = await sync({ open_kfid: 'wkDESK', cursor: empty.next_cursor });
    expect(next.msg_list).toHaveLength(1);
  });

  it('serves enter_session events with a welcome_code', async () => {
    const { welcomeCode } = f.fake.kf.enqueueEnterSession({
      openKfid: 'wkDESK',
      externalUserId: 'wmR',
      scene: 'qr',
    });
    const page = await sync({ open_kfid: 'wkDESK' });
    expect(page.msg_list[0]).toMatchObject({
      origin: 4,
      msgtype: 'event',
      event: { event_type: 'enter_session', external_userid: 'wmR', scene: 'qr', welcome_code: welcomeCode },
    });
  });

  it('without a cursor starts from the last 3 days', async () => {
    f.fake.kf.enqueueMessage({ openKfid: 'wkDESK', externalUserId: 'wmR', content: 'old' });
    f.clock.advance(3 * 24 * 3600 + 1);
    f.fake.kf.enqueueMessage({ openKfid: 'wkDESK', externalUserId: 'wmR', content: 'new' });
    expect((await sync({ open_kfid: 'wkDESK' })).msg_list.map((m) => m.text?.content)).toEqual(['new']);
  });

  it('validates the callback Token (10 min), limit, cursor and open_kfid', async () => {
    const token = f.fake.kf.issueSyncToken('wkDESK');
    expect(await sync({ open_kfid: 'wkDESK', token })).toMatchObject({ errcode: 0 });
    expect(await sync({ open_kfid: 'wkOTHER', token })).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.invalidKfToken,
    });
    f.clock.advance(600);
    expect(await sync({ open_kfid: 'wkDESK', token })).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.invalidKfToken,
    });
    expect(await sync({ open_kfid: 'wkDESK', token: 'forged' })).toMatchObject({
      errcode: FAKE_CHOSEN_ERRCODES.invalidKfToken,
    });
    expect(await sync({ open_kfid: 'wkDESK', limit: 1001 })).toMatchObject({ errcode: 40058 });
    expect(await sync({ open_kfid: 'wkDESK', cursor: 'bogus' })).toMatchObject({ errcode: 50100 });
    expect(await sync({ open_kfid: 'wkNOPE' })).toMatchObject({ errcode: 95000 });
  });
});

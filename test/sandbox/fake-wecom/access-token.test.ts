import { CORP, type Fixture, startFake, textTo } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake({
    tokenLifetimeSeconds: 60,
    extraApps: [{ secret: 'other-secret', agentId: '1000003' }],
  });
});
afterEach(() => f.fake.close());

describe('gettoken', () => {
  it('answers 40013 for a wrong corpid and 40001 for a wrong secret', async () => {
    expect(await f.getJson('/cgi-bin/gettoken', { corpid: 'wwnope', corpsecret: CORP.secret })).toMatchObject(
      {
        errcode: 40013,
      },
    );
    expect(await f.getJson('/cgi-bin/gettoken', { corpid: CORP.corpId, corpsecret: 'nope' })).toMatchObject({
      errcode: 40001,
    });
  });

  it('returns the same token while it is valid, a new one after expiry, and counts every call', async () => {
    const first = await f.getJson('/cgi-bin/gettoken', { corpid: CORP.corpId, corpsecret: CORP.secret });
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 60 });
    f.clock.advance(20);
    const second = await f.getJson('/cgi-bin/gettoken', { corpid: CORP.corpId, corpsecret: CORP.secret });
    expect(second).toMatchObject({ access_token: first.access_token, expires_in: 40 });
    f.clock.advance(41);
    const third = await f.getJson('/cgi-bin/gettoken', { corpid: CORP.corpId, corpsecret: CORP.secret });
    expect(third.access_token).not.toBe(first.access_token);
    expect(f.fake.gettokenCount).toBe(3);
  });

  it('issues one token per app', async () => {
    expect(await f.token()).not.toBe(await f.token('other-secret'));
  });
});

describe('access_token checks', () => {
  it('answers 41001 without a token and 40014 for an unknown one', async () => {
    const res = await fetch(`${f.url}/cgi-bin/message/send`, { method: 'POST', body: '{}' });
    expect(await res.json()).toMatchObject({ errcode: 41001 });
    expect(await f.post('/cgi-bin/message/send', textTo('u1'), 'forged')).toMatchObject({ errcode: 40014 });
  });

  it('answers 42001 once the injected clock passes the lifetime', async () => {
    const token = await f.token();
    f.clock.advance(59);
    expect(await f.post('/cgi-bin/message/send', textTo('u1'), token)).toMatchObject({ errcode: 0 });
    f.clock.advance(1);
    expect(await f.post('/cgi-bin/message/send', textTo('u1'), token)).toMatchObject({ errcode: 42001 });
  });

  it('rotation: invalidated tokens answer 40014 (or 42001) and gettoken issues a fresh one', async () => {
    const old = await f.token();
    f.fake.invalidateTokens();
    expect(await f.post('/cgi-bin/message/send', textTo('u1'), old)).toMatchObject({ errcode: 40014 });
    const fresh = await f.token();
    expect(fresh).not.toBe(old);
    expect(await f.post('/cgi-bin/message/send', textTo('u1'), fresh)).toMatchObject({ errcode: 0 });
    f.fake.invalidateTokens(42001);
    expect(await f.post('/cgi-bin/message/send', textTo('u1'), fresh)).toMatchObject({ errcode: 42001 });
  });
});

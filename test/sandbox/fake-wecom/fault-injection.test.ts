import { FAKE_CALLER_IP } from '../../../src/sandbox/fake-wecom';
import { type Fixture, startFake, textTo } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake();
});
afterEach(() => f.fake.close());

const SEND = '/cgi-bin/message/send';

describe('fault injection', () => {
  it('answers scripted errcodes the given number of times, then behaves', async () => {
    const token = await f.token();
    f.fake.failNext(SEND, -1, 2);
    expect(await f.post(SEND, textTo('u1'), token)).toMatchObject({ errcode: -1 });
    expect(await f.post(SEND, textTo('u1'), token)).toMatchObject({ errcode: -1 });
    expect(await f.post(SEND, textTo('u1'), token)).toMatchObject({ errcode: 0 });
    expect(f.fake.sent).toHaveLength(1);
    expect(f.fake.calls.filter((call) => call.path === SEND).map((call) => call.errcode)).toEqual([
      -1, -1, 0,
    ]);
  });

  it('60020 names the caller ip; extra fields are merged; faults run in scripted order', async () => {
    const token = await f.token();
    f.fake.failNext(SEND, 60020);
    f.fake.failNext(SEND, 45033, 1, { errmsg: 'api concurrent out of limit, hint: [x]' });
    const blocked = await f.post(SEND, textTo('u1'), token);
    expect(blocked.errcode).toBe(60020);
    expect(String(blocked.errmsg)).toContain(`from ip: ${FAKE_CALLER_IP}`);
    expect(await f.post(SEND, textTo('u1'), token)).toEqual({
      errcode: 45033,
      errmsg: 'api concurrent out of limit, hint: [x]',
    });
  });

  it('answers 45009 above the global calls-per-minute limit until the minute passes', async () => {
    const token = await f.token();
    f.fake.rateLimit(3);
    const codes: unknown[] = [];
    for (let i = 0; i < 5; i += 1) codes.push((await f.post(SEND, textTo('u1'), token)).errcode);
    expect(codes).toEqual([0, 0, 0, 45009, 45009]);
    f.clock.advance(60);
    expect(await f.post(SEND, textTo('u1'), token)).toMatchObject({ errcode: 0 });
  });

  it('answers HTTP 500/502 and malformed JSON when told to', async () => {
    const token = await f.token();
    const query = `access_token=${token}`;
    f.fake.httpErrorNext(SEND, 500);
    f.fake.httpErrorNext(SEND, 502);
    f.fake.malformedNext(SEND);
    const post = () =>
      fetch(`${f.url}${SEND}?${query}`, { method: 'POST', body: JSON.stringify(textTo('u1')) });
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(502);
    const malformed = await post();
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    expect(await (await post()).json()).toMatchObject({ errcode: 0 });
    expect(f.fake.calls.map((call) => call.outcome)).toEqual([
      'answered', // gettoken
      'http_error',
      'http_error',
      'malformed',
      'answered',
    ]);
  });

  it('delays answers by the configured latency', async () => {
    const token = await f.token();
    f.fake.latency(SEND, 300);
    const started = performance.now();
    await f.post(SEND, textTo('u1'), token);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    f.fake.latency(SEND, 0);
  });

  it('an outage resets or refuses connections until it ends', async () => {
    const token = await f.token();
    await f.fake.down(true);
    await expect(f.post(SEND, textTo('u1'), token)).rejects.toThrow();
    await f.fake.down(false);
    expect(await f.post(SEND, textTo('u1'), token)).toMatchObject({ errcode: 0 });

    await f.fake.down(true, 'refuse');
    const refused = await f.post(SEND, textTo('u1'), token).catch((error: unknown) => error);
    // fetch fails with TypeError('fetch failed') whose cause is the socket error.
    expect(refused).toMatchObject({
      name: 'TypeError',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
    await f.fake.down(false);
    expect(await f.post(SEND, textTo('u1'), token)).toMatchObject({ errcode: 0 });

    f.fake.resetNext(SEND);
    await expect(f.post(SEND, textTo('u1'), token)).rejects.toThrow();
    expect(f.fake.sent).toHaveLength(2);
  });
});

import { type Fixture, startFake, textTo } from './fake-fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFake();
});
afterEach(() => f.fake.close());

describe('per-member limit of message/send (30/min, 1000/h, silently dropped)', () => {
  it('answers ok for the 31st message in a minute but records it as dropped', async () => {
    const token = await f.token();
    for (let i = 1; i <= 31; i += 1) {
      const reply = await f.post('/cgi-bin/message/send', textTo('alice', `#${i}`), token);
      expect(reply).toMatchObject({ errcode: 0, errmsg: 'ok' });
      f.clock.advance(1);
    }
    expect(f.fake.sent).toHaveLength(31);
    expect(f.fake.sent.slice(0, 30).every((send) => !send.dropped)).toBe(true);
    expect(f.fake.sent[30]).toMatchObject({ dropped: true, droppedFor: ['alice'] });
    expect(f.fake.sentTo('alice')).toHaveLength(30);

    // Another member is unaffected; a multi-recipient send drops only for the saturated one.
    const both = await f.post('/cgi-bin/message/send', textTo('alice|bob'), token);
    expect(both).toMatchObject({ errcode: 0 });
    expect(f.fake.sent[31]).toMatchObject({
      dropped: false,
      droppedFor: ['alice'],
      recipients: ['alice', 'bob'],
    });

    // Once the first messages leave the sliding minute, delivery resumes.
    f.clock.advance(30);
    await f.post('/cgi-bin/message/send', textTo('alice'), token);
    expect(f.fake.sent[32]?.dropped).toBe(false);
  });

  it('drops beyond 1000 an hour even when every minute stays under 30', async () => {
    const token = await f.token();
    for (let i = 0; i < 1000; i += 1) {
      await f.post('/cgi-bin/message/send', textTo('dora'), token);
      f.clock.advance(3); // 20 a minute
    }
    expect(f.fake.sent.filter((send) => send.dropped)).toHaveLength(0);
    await f.post('/cgi-bin/message/send', textTo('dora'), token);
    expect(f.fake.sent.at(-1)?.dropped).toBe(true);
    f.clock.advance(600); // the first message leaves the sliding hour
    await f.post('/cgi-bin/message/send', textTo('dora'), token);
    expect(f.fake.sent.at(-1)?.dropped).toBe(false);
  });

  it('uses the configured limits', async () => {
    await f.fake.close();
    f = await startFake({ memberRateLimit: { perMinute: 2, perHour: 3 } });
    const token = await f.token();
    for (let i = 0; i < 3; i += 1) await f.post('/cgi-bin/message/send', textTo('erin'), token);
    expect(f.fake.sent.map((send) => send.dropped)).toEqual([false, false, true]);
    f.clock.advance(61);
    await f.post('/cgi-bin/message/send', textTo('erin'), token);
    await f.post('/cgi-bin/message/send', textTo('erin'), token);
    expect(f.fake.sent.map((send) => send.dropped)).toEqual([false, false, true, false, true]);
  });
});

import { TurnRateLimit } from '../../src/core/bot/turn-rate-limit';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService } from '../support/test-service';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 1) + ms);

describe('the per-user turn limit', () => {
  it('allows the per-minute number of turns, then says from when', () => {
    const limit = new TurnRateLimit(3);
    for (let i = 0; i < 3; i++) {
      expect(limit.check('u', at(i * 1_000))).toEqual({ ok: true });
      limit.count('u', at(i * 1_000));
    }
    expect(limit.check('u', at(3_000))).toEqual({ ok: false, at: at(60_000) });
    expect(limit.check('u', at(60_001))).toEqual({ ok: true });
  });

  it('forgets users with no turn in the last minute', () => {
    const limit = new TurnRateLimit(20);
    for (let i = 0; i < 5_000; i++) limit.count(`user-${i}`, at(i));
    expect(limit.size).toBe(5_000);
    limit.count('latest', at(70_000));
    limit.prune(at(70_000));
    expect(limit.size).toBe(1);
  });

  it('remembers at most maxTracked users, forgetting the least recently active first', () => {
    const limit = new TurnRateLimit(2, 100);
    for (let i = 0; i < 1_000; i++) limit.count(`user-${i}`, at(i));
    expect(limit.size).toBe(100);
    limit.count('user-999', at(1_000));
    expect(limit.check('user-999', at(1_001))).toEqual({ ok: false, at: at(60_999) });
  });
});

describe('the inbound worker', () => {
  it('keeps no limit entry for users who wrote more than a minute ago', async () => {
    const clock = testClock(new Date('2026-12-01T01:00:00Z'));
    const svc = await startTestService({ now: clock.now });
    try {
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      for (let i = 0; i < 40; i++) {
        const xml = textMessageXml(C, { fromUser: `once-${i}`, content: '你好', msgId: `once-${i}` });
        expect((await svc.post(sealCallback(C, xml, { timestamp }))).status).toBe(200);
      }
      await svc.worker.whenIdle();
      expect(svc.worker.rateLimitedConversations).toBe(40);
      clock.advance(61_000);
      await svc.worker.sweep();
      expect(svc.worker.rateLimitedConversations).toBe(0);
    } finally {
      await svc.stop();
    }
  });
});

import { and, eq } from 'drizzle-orm';
import { inboundMessages } from '../../src/core/db/schema';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
});
afterAll(async () => {
  await svc.stop();
});

const post = (user: string, content: string, msgId: string) =>
  svc.post(
    sealCallback(C, textMessageXml(C, { fromUser: user, content, msgId }), {
      timestamp: Math.floor(clock.now().getTime() / 1000),
    }),
  );

const processed = async (user: string) =>
  (
    await svc.database.db
      .select({ id: inboundMessages.id, at: inboundMessages.processedAt })
      .from(inboundMessages)
      .where(and(eq(inboundMessages.fromUser, user), eq(inboundMessages.status, 'processed')))
  ).length;

describe('one user flooding the bot', () => {
  it('does not hold up others, is slowed to the per-minute limit, and loses nothing', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => post('flooder', `第${i}条`, `flood-${i}`)));
    await post('bystander', '你好', 'calm-1');
    await svc.worker.whenIdle();
    // The bystander was answered although 60 messages were ahead of them.
    expect(await processed('bystander')).toBe(1);
    // The flooder got the per-minute allowance; the rest wait, stored.
    expect(await processed('flooder')).toBe(20);
    const waiting = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.fromUser, 'flooder'), eq(inboundMessages.status, 'pending')));
    expect(waiting).toHaveLength(40);
    // Each following minute lets 20 more through, in order, until none is left.
    for (const expected of [40, 60]) {
      clock.advance(61_000);
      await svc.worker.sweep();
      await svc.worker.whenIdle();
      expect(await processed('flooder')).toBe(expected);
    }
    const rows = await svc.database.db
      .select({ id: inboundMessages.id, at: inboundMessages.processedAt })
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'flooder'));
    const byId = [...rows].sort((a, b) => a.id - b.id).map((r) => r.at!.getTime());
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
  });
});

import { asc, eq } from 'drizzle-orm';
import { outbox, outboxSends } from '../../src/core/db/schema';
import { DEFAULT_PAUSES } from '../../src/core/outbox/dispatch-pause';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { testClock } from '../support/chat-driver';
import { enqueueText } from '../support/outbox-helpers';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

/**
 * Issue 7 §2: WeCom's API is down for 10 minutes (every call answers HTTP 503, or errcode -1
 * "system busy"), on a test clock moved 5 s per step. Replies keep being queued, none is lost or
 * dead-lettered, and after WeCom is back they drain, each recipient's in commit order.
 *
 * The dispatcher runs with the product's own retry policy (not the fast one test-service sets),
 * because the question is whether that policy survives a 10-minute outage.
 */
const PRODUCT_RETRY_DELAY = (attempt: number) => Math.min(600_000, 5_000 * 2 ** (attempt - 1));
const PRODUCT_MAX_ATTEMPTS = 6;
const OUTAGE_MS = 10 * 60_000;
const STEP_MS = 5_000;
const USERS = ['down-a', 'down-b', 'down-c'];

type Outage = { name: string; inject: (svc: TestService) => void };
const OUTAGES: Outage[] = [
  { name: 'HTTP 503', inject: (svc) => svc.fake.httpErrorNext('*', 503, 1_000_000) },
  { name: 'errcode -1', inject: (svc) => svc.fake.failNext('*', -1, 1_000_000) },
];

async function runOutage(outage: Outage, maxAttempts: number) {
  // A Monday morning in Shulan; every row the test writes is stamped on this clock.
  const clock = testClock(new Date('2026-11-16T01:00:00Z'));
  const svc = await startTestService({
    now: clock.now,
    // The shipped pauses, on the test clock: an outage probe every 30 s of (compressed) time.
    outbox: { retryDelayMs: PRODUCT_RETRY_DELAY, maxAttempts, pauses: DEFAULT_PAUSES },
  });
  const db = svc.database.db;
  const step = async () => {
    clock.advance(STEP_MS);
    svc.dispatcher.notify();
    await svc.worker.whenIdle();
    await svc.dispatcher.whenIdle();
  };
  try {
    outage.inject(svc);
    const expected = new Map<string, string[]>(USERS.map((u) => [u, []]));
    let seq = 0;
    // Throughout the outage: each user writes (a real signed callback, answered by the bot) and
    // the system queues texts of its own to them (as a notice would), interleaved.
    for (let t = 0; t < OUTAGE_MS; t += STEP_MS) {
      if (t % 60_000 === 0) {
        for (const user of USERS) {
          const msgId = `outage-${user}-${seq++}`;
          const ts = Math.floor(clock.now().getTime() / 1000);
          const res = await svc.post(
            sealCallback(C, textMessageXml(C, { fromUser: user, content: '你好', msgId, createTime: ts }), {
              timestamp: ts,
            }),
          );
          expect(res.status).toBe(200);
          const text = `通知 ${user} #${seq}`;
          await enqueueText(db, clock.now(), user, text);
          expected.get(user)!.push(text);
        }
      }
      await step();
    }
    const duringOutage = await db.select().from(outbox);
    const deadDuringOutage = duringOutage.filter((r) => r.status === 'dead').length;
    const sentDuringOutage = svc.fake.sent.length;

    svc.fake.clearFaults();
    const recoveredAt = clock.now().getTime();
    let all = duringOutage;
    for (let i = 0; i < 400; i++) {
      all = await db.select().from(outbox).orderBy(asc(outbox.id));
      if (all.every((r) => r.status !== 'pending')) break;
      await step();
    }
    const sends = await db.select().from(outboxSends).orderBy(asc(outboxSends.id));
    const figures = {
      outage: outage.name,
      queued: all.length,
      deadDuringOutage,
      sentDuringOutage,
      dead: all.filter((r) => r.status === 'dead').length,
      pending: all.filter((r) => r.status === 'pending').length,
      sent: all.filter((r) => r.status === 'sent').length,
      fakeAccepted: svc.fake.sent.length,
      drainedInSimulatedS: (clock.now().getTime() - recoveredAt) / 1000,
      maxAttemptsUsed: Math.max(...all.map((r) => r.attempts)),
    };
    process.stdout.write(`wecom outage figures: ${JSON.stringify(figures)}\n`);
    return { svc, all, sends, figures, expected };
  } catch (error) {
    await svc.stop();
    throw error;
  }
}

async function check(run: Awaited<ReturnType<typeof runOutage>>) {
  const { svc, all, sends, figures, expected } = run;
  try {
    expect(figures.sentDuringOutage).toBe(0);
    expect(figures.dead).toBe(0);
    expect(figures.pending).toBe(0);
    expect(figures.sent).toBe(all.length);
    // One acknowledged part per row here (short texts): WeCom received each exactly once.
    expect(sends.length).toBe(all.length);
    expect(figures.fakeAccepted).toBe(all.length);
    for (const user of USERS) {
      // Sent in commit order: the outbox ids of the parts acknowledged for this user ascend.
      const ids = sends.filter((s) => s.recipient === user).map((s) => s.outboxId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const texts = svc.fake.sentTo(user).map((s) => JSON.stringify(s.body));
      const notices = texts.filter((t) => t.includes('通知'));
      expect(notices.map((t) => /通知 [^"]+/.exec(t)![0])).toEqual(expected.get(user));
      // Every bot reply to a callback made it too.
      const [bot] = await svc.database.db.select().from(outbox).where(eq(outbox.recipient, user)).limit(1);
      expect(bot).toBeDefined();
    }
  } finally {
    await svc.stop();
  }
}

describe('WeCom API down for 10 minutes (test clock)', () => {
  // Found by this suite: a row used to be dead-lettered ~155 s into an outage. WeCom unavailable
  // (-1, 5xx, connection refused) now pauses sending app-wide (dispatch-pause.ts).
  it.each(OUTAGES.map((o) => [o.name, o]))(
    '%s with the shipped retry policy: queued, nothing dead-lettered, drained in order',
    async (_name, outage) => {
      await check(await runOutage(outage as Outage, PRODUCT_MAX_ATTEMPTS));
    },
    60_000,
  );

  it('HTTP 503 with enough attempts to span the outage: queued, nothing lost, drained in order per recipient', async () => {
    await check(await runOutage(OUTAGES[0]!, 20));
  }, 60_000);
});

import { and, count, eq, sql } from 'drizzle-orm';
import { floodFingerprint } from '../../src/core/bot/flood-coalescing';
import { queryRows } from '../../src/core/db/raw-query';
import { inboundMessages } from '../../src/core/db/schema';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

describe('what counts as the same message in a flood', () => {
  it.each([
    ['有人吗', '有人吗？？'],
    ['有人吗', '有 人 吗。。。'],
    ['Hello', 'hello!'],
    ['第1条', '第１条'],
    ['😀😀', '🙏'],
  ])('%s and %s are repeats', (a, b) => {
    expect(floodFingerprint(a)).toBe(floodFingerprint(b));
  });

  it.each([
    ['我要申请', '进度'],
    ['低保', '特困'],
    ['1', '2'],
    ['收入1200', '收入1500'],
  ])('%s and %s are not', (a, b) => {
    expect(floodFingerprint(a)).not.toBe(floodFingerprint(b));
  });
});

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
});
afterAll(async () => {
  await svc.stop();
});

const FLOOD = 1_000;
const VARIANTS = ['有人吗', '有人吗？？', '有 人 吗。', '有人吗!!!'];

const post = (user: string, content: string, msgId: string) =>
  svc.post(
    sealCallback(C, textMessageXml(C, { fromUser: user, content, msgId }), {
      timestamp: Math.floor(clock.now().getTime() / 1000),
    }),
  );

const statuses = async (user: string) =>
  Object.fromEntries(
    (
      await svc.database.db
        .select({ status: inboundMessages.status, n: count() })
        .from(inboundMessages)
        .where(eq(inboundMessages.fromUser, user))
        .groupBy(inboundMessages.status)
    ).map((r) => [r.status, r.n]),
  ) as Record<string, number>;

describe('a resident flooding the bot with 1,000 near-identical messages', () => {
  it('has the latest answered within a minute, the rest kept as skipped, and is told once', async () => {
    for (let first = 0; first < FLOOD - 1; first += 100) {
      const batch = Array.from({ length: Math.min(100, FLOOD - 1 - first) }, (_, k) => first + k);
      const answers = await Promise.all(batch.map((i) => post('flooder', VARIANTS[i % 4]!, `flood-${i}`)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
    }
    // The last one alone, so it is the latest to arrive (in a batch sent at once, any may be).
    expect((await post('flooder', VARIANTS[(FLOOD - 1) % 4]!, `flood-${FLOOD - 1}`)).status).toBe(200);
    await post('bystander', '你好', 'calm-1');
    await svc.worker.whenIdle();
    // At most the rest of this minute: 1,000 turns at 20 a minute took 48 minutes before.
    if ((await statuses('flooder')).pending) {
      clock.advance(61_000);
      await svc.worker.sweep();
      await svc.worker.whenIdle();
    }
    await svc.dispatcher.whenIdle();

    const byStatus = await statuses('flooder');
    expect(byStatus.pending ?? 0).toBe(0);
    expect(byStatus.processed! + byStatus.skipped!).toBe(FLOOD);
    // Turns taken while batches are still arriving are not coalesced, so a loaded machine takes a few
    // more; without coalescing all 1,000 would be.
    expect(byStatus.processed).toBeLessThanOrEqual(50);
    // Nothing is lost: every message stays stored with its payload; the latest was answered.
    const [latest] = await queryRows<{ status: string; sealed: boolean }>(
      svc.database.db,
      sql`select status, payload_sealed is not null as sealed from inbound_messages where dedupe_key = 'app:msg:flood-999'`,
    );
    expect(latest).toEqual({ status: 'processed', sealed: true });
    const [sealedSkipped] = await svc.database.db
      .select({ n: count() })
      .from(inboundMessages)
      .where(
        and(
          eq(inboundMessages.fromUser, 'flooder'),
          eq(inboundMessages.status, 'skipped'),
          sql`${inboundMessages.payloadSealed} is not null`,
        ),
      );
    expect(sealedSkipped!.n).toBe(byStatus.skipped);
    expect(await statuses('bystander')).toEqual({ processed: 1 });

    // Told once that the rest were skipped, in the chat.
    const notices = await queryRows<{ text: string }>(
      svc.database.db,
      sql`select body -> 'text' ->> 'text' as text from outbox
           where recipient = 'flooder' and body -> 'text' ->> 'templateId' = 'chat.flood-skipped'`,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/只回复其中最后一条，另外\d+条已经收到并保存/);
  }, 120_000);

  it('skips nothing when the messages differ', async () => {
    const distinct = Array.from({ length: 15 }, (_, i) => `问题${String.fromCharCode(0x4e00 + i * 37)}`);
    await Promise.all(distinct.map((content, i) => post('asker', content, `distinct-${i}`)));
    await svc.worker.whenIdle();
    expect(await statuses('asker')).toEqual({ processed: 15 });
  });
});

import { count, like } from 'drizzle-orm';
import { inboundMessages } from '../../src/core/db/schema';
import { InboundBatcher } from '../../src/core/inbox/inbound-batcher';
import { inboundRowOf } from '../../src/core/inbox/store-inbound';
import { CallbackRejection } from '../../src/core/wecom/callback/callback-rejection';
import { validateInboundMessage } from '../../src/core/wecom/callback/inbound-message-schema';
import { openTestDatabase } from '../support/test-database';
import { TEST_CIPHER } from '../support/test-service';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const now = new Date('2026-12-01T01:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

const row = (user: string, msgId: string) =>
  inboundRowOf(
    TEST_CIPHER,
    validateInboundMessage({
      ToUserName: 'ww1',
      FromUserName: user,
      CreateTime: String(Math.floor(now.getTime() / 1000)),
      MsgType: 'text',
      Content: '你好',
      MsgId: msgId,
    }),
    now,
  );

const storedFor = async (prefix: string) =>
  (
    await database.db
      .select({ n: count() })
      .from(inboundMessages)
      .where(like(inboundMessages.fromUser, `${prefix}%`))
  )[0]!.n;

describe('storing callbacks in batches (group commit)', () => {
  it('stores concurrent messages once each, a redelivery in the same batch or a later one as a duplicate', async () => {
    const batcher = new InboundBatcher(database.db, 8);
    const rows = Array.from({ length: 20 }, (_, i) => row(`batch-a${i}`, `batch-a-${i}`));
    // Messages 0-4 arrive twice in the same moment, as WeCom's retries can.
    const results = await Promise.all([...rows, ...rows.slice(0, 5)].map((r) => batcher.store(r)));
    expect(results.slice(0, 20).every((r) => r.stored)).toBe(true);
    expect(results.slice(20).every((r) => !r.stored)).toBe(true);
    const ids = results.flatMap((r) => (r.stored ? [r.id] : []));
    expect(new Set(ids).size).toBe(20);
    expect(results[3]).toMatchObject({ stored: true, conversationKey: 'app:batch-a3' });
    expect(await storedFor('batch-a')).toBe(20);
    expect((await batcher.store(rows[7]!)).stored).toBe(false);
  });

  it('refuses only the message the database cannot store; the rest of its batch is stored', async () => {
    const batcher = new InboundBatcher(database.db);
    const bad = row('batch-b-bad', 'batch-b-bad');
    // A NUL byte cannot be stored in a PostgreSQL text column (SQLSTATE 22021).
    bad.values.fromUser = 'batch-b\u0000bad';
    const good = Array.from({ length: 5 }, (_, i) => row(`batch-b${i}`, `batch-b-${i}`));
    const settled = await Promise.allSettled([good[0]!, bad, ...good.slice(1)].map((r) => batcher.store(r)));
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: expect.any(CallbackRejection) });
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(5);
    expect(await storedFor('batch-b')).toBe(5);
  });
});

import { count, eq } from 'drizzle-orm';
import { inboundMessages } from '../../src/core/db/schema';
import { storeInbound } from '../../src/core/inbox/store-inbound';
import { parseWecomXml } from '../../src/core/wecom/callback/callback-xml';
import { validateInboundMessage } from '../../src/core/wecom/callback/inbound-message-schema';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import {
  TEST_CREDENTIALS as C,
  startTestService,
  TEST_CIPHER,
  type TestService,
} from '../support/test-service';

// A backlog of stored messages must not keep new callbacks waiting: WeCom gives up after 5 s.
// On PGlite every query answers within microtasks, so a worker running turns back to back
// never let the event loop accept a connection until the whole backlog was processed.
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc.stop();
});

const BACKLOG = 300;

const pending = async () =>
  (
    await svc.database.db
      .select({ n: count() })
      .from(inboundMessages)
      .where(eq(inboundMessages.status, 'pending'))
  )[0]!.n;

describe('a callback arriving while the worker works through a backlog', () => {
  it('is answered before the backlog is done, and nothing is lost', async () => {
    const now = svc.clock();
    // Stored in one transaction with the route's own store, so the whole backlog appears at once.
    await svc.database.db.transaction(async (tx) => {
      for (let i = 0; i < BACKLOG; i++) {
        const xml = textMessageXml(C, { fromUser: `backlog${i}`, content: '你好', msgId: `backlog-${i}` });
        await storeInbound(tx, TEST_CIPHER, validateInboundMessage(parseWecomXml(xml)), now);
      }
    });
    await svc.worker.sweep();

    const late = sealCallback(
      C,
      textMessageXml(C, { fromUser: 'latecomer', content: '你好', msgId: 'late-1' }),
    );
    const res = await svc.post(late);
    const leftWhenAnswered = await pending();
    expect(res.status).toBe(200);
    // Answered while most of the backlog still waits, not after the worker ran out of work.
    expect(leftWhenAnswered).toBeGreaterThan(BACKLOG / 2);
    // The monitoring endpoint reports the same backlog.
    const queues = (await (await fetch(`${svc.url}/healthz/queues`)).json()) as { inboundPending: number };
    expect(queues.inboundPending).toBeGreaterThan(0);
    expect(queues.inboundPending).toBeLessThanOrEqual(leftWhenAnswered);

    await svc.worker.whenIdle();
    expect(await pending()).toBe(0);
    expect(await (await fetch(`${svc.url}/healthz/queues`)).json()).toMatchObject({ inboundPending: 0 });
    const [stored] = await svc.database.db
      .select({ n: count() })
      .from(inboundMessages)
      .where(eq(inboundMessages.status, 'processed'));
    expect(stored!.n).toBe(BACKLOG + 1);
    // 300 turns: ~12 s alone, over 30 s on a loaded 2-core machine.
  }, 90_000);
});

import { asc, eq } from 'drizzle-orm';
import { BotRouter } from '../../src/core/bot/bot-router';
import { loadConversation } from '../../src/core/bot/conversation-state';
import { InboundWorker } from '../../src/core/bot/inbound-worker';
import { inboundMessages, outbox } from '../../src/core/db/schema';
import { storeInbound } from '../../src/core/inbox/store-inbound';
import { TemplateStore } from '../../src/core/templates/template-store';
import { validateInboundMessage } from '../../src/core/wecom/callback/inbound-message-schema';
import { captureLogs } from '../support/log-capture';
import { openTestDatabase } from '../support/test-database';
import { TEST_CIPHER } from '../support/test-service';
import { until } from '../support/until';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const templates = new TemplateStore();
const now = () => new Date();
let n = 0;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

function text(fromUser: string, content: string) {
  return validateInboundMessage({
    ToUserName: 'ww1',
    FromUserName: fromUser,
    CreateTime: String(Math.floor(Date.now() / 1000)),
    MsgType: 'text',
    Content: content,
    MsgId: `w-${Date.now()}-${n++}`,
  });
}

async function store(fromUser: string, ...contents: string[]): Promise<void> {
  for (const c of contents) await storeInbound(database.db, TEST_CIPHER, text(fromUser, c), now());
}

/** A router whose handler appends each message to the conversation state, slowly. */
function recordingRouter(
  options: { throwOn?: string; inFlight?: Map<string, number>; maxSeen?: Map<string, number> } = {},
) {
  return new BotRouter().otherwise(async (ctx) => {
    const user = ctx.inbound.fromUser;
    const running = (options.inFlight?.get(user) ?? 0) + 1;
    options.inFlight?.set(user, running);
    options.maxSeen?.set(user, Math.max(options.maxSeen.get(user) ?? 0, running));
    const content = String(ctx.inbound.message.Content);
    const seen = (ctx.state.flow?.data.seen as string[] | undefined) ?? [];
    ctx.state.flow = { name: 'test', step: 'x', data: { seen: [...seen, content] } };
    ctx.reply('chat.welcome');
    await new Promise((r) => setTimeout(r, 5));
    options.inFlight?.set(user, running - 1);
    if (content === options.throwOn) throw new Error('handler exploded');
  });
}

function worker(router: BotRouter, maxAttempts = 3, retryDelayMs = 0) {
  const logs = captureLogs();
  return new InboundWorker(
    { db: database.db, router, templates, cipher: TEST_CIPHER, log: logs.log, now },
    { maxAttempts, retryDelayMs: () => retryDelayMs, sweepIntervalMs: 20, concurrency: 4 },
  );
}

describe('inbound worker', () => {
  it('resumes messages stored before it started, one user at a time, in order', async () => {
    await store('order-a', '1', '2', '3', '4', '5');
    await store('order-b', 'x', 'y');
    const inFlight = new Map<string, number>();
    const maxSeen = new Map<string, number>();
    const w = worker(recordingRouter({ inFlight, maxSeen }));
    await w.start();
    await w.whenIdle();
    await w.stop();
    expect((await loadConversation(database.db, 'app:order-a')).flow?.data.seen).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect((await loadConversation(database.db, 'app:order-b')).flow?.data.seen).toEqual(['x', 'y']);
    expect(maxSeen.get('order-a')).toBe(1);
  });

  it('keeps order when messages arrive while earlier ones are being processed', async () => {
    const w = worker(recordingRouter());
    await w.start();
    for (const c of ['a', 'b', 'c', 'd']) {
      await store('live', c);
      w.notify('app:live');
    }
    await w.whenIdle();
    await w.stop();
    expect((await loadConversation(database.db, 'app:live')).flow?.data.seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls a throwing turn back: state as it was, no reply, the attempt recorded', async () => {
    await store('thrower', 'ok');
    const w1 = worker(recordingRouter(), 5);
    await w1.start();
    await w1.whenIdle();
    await w1.stop();
    const stateBefore = await loadConversation(database.db, 'app:thrower');
    const repliesBefore = await database.db.select().from(outbox).where(eq(outbox.recipient, 'thrower'));

    await store('thrower', 'boom');
    const w2 = worker(recordingRouter({ throwOn: 'boom' }), 5, 60_000);
    await w2.start();
    await until(async () => {
      const [row] = await database.db
        .select()
        .from(inboundMessages)
        .where(eq(inboundMessages.fromUser, 'thrower'))
        .orderBy(asc(inboundMessages.id))
        .offset(1);
      return (row?.attempts ?? 0) >= 1;
    });
    await w2.stop();
    expect(await loadConversation(database.db, 'app:thrower')).toEqual(stateBefore);
    expect(await database.db.select().from(outbox).where(eq(outbox.recipient, 'thrower'))).toHaveLength(
      repliesBefore.length,
    );
    const rows = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'thrower'))
      .orderBy(asc(inboundMessages.id));
    expect(rows[1]).toMatchObject({ status: 'pending', lastError: 'Error: handler exploded' });
  });

  it('after the last attempt marks the message failed, apologises, and goes on with the next one', async () => {
    await store('poison', 'boom', 'after');
    const w = worker(recordingRouter({ throwOn: 'boom' }), 2);
    await w.start();
    await until(async () => {
      const rows = await database.db
        .select()
        .from(inboundMessages)
        .where(eq(inboundMessages.fromUser, 'poison'));
      return rows.every((r) => r.status !== 'pending');
    });
    await w.stop();
    const rows = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'poison'))
      .orderBy(asc(inboundMessages.id));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 2],
      ['processed', 1],
    ]);
    const replies = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, 'poison'))
      .orderBy(asc(outbox.id));
    expect(replies.map((r) => (r.body as { text: { templateId: string } }).text.templateId)).toEqual([
      'chat.processing-failed',
      'chat.welcome',
    ]);
    expect((await loadConversation(database.db, 'app:poison')).flow?.data.seen).toEqual(['after']);
  });

  it('two workers on one database never process a message twice', async () => {
    const contents = Array.from({ length: 12 }, (_, i) => String(i));
    await store('shared', ...contents);
    const [a, b] = [worker(recordingRouter()), worker(recordingRouter())];
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.whenIdle(), b.whenIdle()]);
    await Promise.all([a.stop(), b.stop()]);
    expect((await loadConversation(database.db, 'app:shared')).flow?.data.seen).toEqual(contents);
    expect(await database.db.select().from(outbox).where(eq(outbox.recipient, 'shared'))).toHaveLength(12);
  });

  it('two workers sharing failures record each attempt once and apologise once', async () => {
    await store('shared-poison', 'boom', 'next');
    const [a, b] = [
      worker(recordingRouter({ throwOn: 'boom' }), 3),
      worker(recordingRouter({ throwOn: 'boom' }), 3),
    ];
    await Promise.all([a.start(), b.start()]);
    await until(async () => {
      const rows = await database.db
        .select()
        .from(inboundMessages)
        .where(eq(inboundMessages.fromUser, 'shared-poison'));
      return rows.every((r) => r.status !== 'pending');
    });
    await Promise.all([a.stop(), b.stop()]);
    const rows = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'shared-poison'))
      .orderBy(asc(inboundMessages.id));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 3],
      ['processed', 1],
    ]);
    const replies = await database.db.select().from(outbox).where(eq(outbox.recipient, 'shared-poison'));
    expect(replies).toHaveLength(2);
  });
});

import { eq } from 'drizzle-orm';
import { outbox, staffMembers } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
const RESIDENT = 'kf-quiet-1';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  await svc.database.db.insert(staffMembers).values({
    userId: 'cw-q1',
    name: '王一',
    role: 'township_caseworker',
    townshipId: 'pingan',
    createdAt: now,
    updatedAt: now,
  });
});
afterAll(async () => {
  await svc.stop();
});

describe('a resident on 微信客服 who has gone quiet', () => {
  it('their notice is held, the caseworker is told once a day, and it goes out when they write again', async () => {
    const resident = new ChatDriver(svc, 'kf', clock);
    const staff = new ChatDriver(svc, 'app', clock);
    const caseId = await applyInChat(resident, RESIDENT, IDS.a, IDS.b);
    clock.advance(49 * 3_600_000); // past WeCom's 48-hour reply window
    await staff.say('cw-q1', `补正材料 ${caseId}`);
    await staff.say('cw-q1', '2');
    const done = (await staff.say('cw-q1', '确认')).join('\n');
    expect(done).toContain('现在：待补正材料');
    await svc.dispatcher.whenIdle();
    const held = await svc.database.db.select().from(outbox).where(eq(outbox.status, 'held'));
    expect(held.map((r) => r.recipient)).toEqual([RESIDENT]);
    const told = staff.received('cw-q1').filter((t) => t.includes('无法在微信中送达'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(caseId);
    // Another message the same day: held too, no second note to the caseworker.
    await staff.say('cw-q1', `材料已补齐 ${caseId}`);
    await staff.say('cw-q1', `受理 ${caseId}`);
    await staff.say('cw-q1', '确认');
    await svc.dispatcher.whenIdle();
    expect(staff.received('cw-q1').filter((t) => t.includes('无法在微信中送达'))).toHaveLength(1);
    // The resident writes: everything held goes out, in order.
    const back = await resident.say(RESIDENT, '你好');
    await svc.dispatcher.whenIdle();
    const texts = [...back, ...resident.received(RESIDENT).slice(-3)].join('\n');
    expect(texts).toContain('补正材料一次性告知书');
    expect(await svc.database.db.select().from(outbox).where(eq(outbox.status, 'held'))).toHaveLength(0);
  });
});

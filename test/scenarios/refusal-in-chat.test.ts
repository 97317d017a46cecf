import { eq } from 'drizzle-orm';
import { cases } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

// Issue 15, D2 and D3: 不予受理 needs a real reason, and the applicant is told in writing.
let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let resident: ChatDriver;
let staff: ChatDriver;
let caseId: string;
const RESIDENT = 'kf-refused-1';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [{ userId: 'cw-r1', role: 'township_caseworker', townshipId: 'pingan' }]);
  resident = new ChatDriver(svc, 'kf', clock);
  staff = new ChatDriver(svc, 'app', clock);
  caseId = await applyInChat(resident, RESIDENT, IDS.c, IDS.b);
});
afterAll(async () => {
  await svc.stop();
});

const state = async () => (await svc.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.state;

describe('不予受理 in chat', () => {
  it('refuses "无" and "同上" as reasons, keeps the case, then records a real reason and tells the applicant', async () => {
    expect((await staff.say('cw-r1', `不予受理 ${caseId}`)).join('\n')).toContain('不予受理的理由');
    for (const filler of ['无', '同上', '不知道', '/']) {
      const answer = (await staff.say('cw-r1', filler)).join('\n');
      expect(answer).toMatch(/请写明具体内容|请用文字回答/);
      expect(await state()).toBe('submitted');
    }
    // Confirmed first: what will be sent, to whom, and that it cannot be withdrawn.
    const confirm = (await staff.say('cw-r1', '户籍不在平安镇，应向户籍所在地乡镇申请')).join('\n');
    expect(confirm).toContain('理由：户籍不在平安镇');
    expect(confirm).toContain('不予受理告知书（含理由和救济途径）发给申请人');
    expect(await state()).toBe('submitted');
    await staff.say('cw-r1', '确认');
    expect(await state()).toBe('not_accepted');
    await svc.dispatcher.whenIdle();
    const notice = resident.received(RESIDENT).at(-1)!;
    expect(notice).toContain('不予受理告知书');
    expect(notice).toContain('户籍不在平安镇');
    expect(notice).toContain('行政复议');
    expect(notice).not.toContain('· 无');
  });
});

import { eq } from 'drizzle-orm';
import { caseEvents, cases } from '../../src/core/db/schema';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

// Issue 15, D9: a village cadre applying for a resident was recorded as 本人申请 and addressed as
// the applicant. 六(一): 受救助申请人委托，村(居)民委员会可以代为提交申请.
let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let chat: ChatDriver;

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: 'vc-hongqi', role: 'village_committee', townshipId: 'pingan' },
    { userId: 'vc-fate', role: 'village_committee', townshipId: 'fate' },
    { userId: 'cw-vob', role: 'township_caseworker', townshipId: 'pingan' },
  ]);
  chat = new ChatDriver(svc, 'app', clock);
});
afterAll(async () => {
  await svc.stop();
});

describe('代为申请 by the village committee', () => {
  it('is recorded as handed in by the committee, which gets the notices to hand on', async () => {
    const answers = dibaoAnswers(IDS.a, IDS.b);
    const intro = (await chat.say('vc-hongqi', answers[0]![0])).join('\n');
    expect(intro).toContain('代为提交申请');
    expect(intro).toContain('都指申请人');
    for (const [answer] of answers.slice(1)) await chat.say('vc-hongqi', answer);
    const before = svc.fake.sentTo('cw-vob').length;
    const done = (await chat.say('vc-hongqi', '确认')).join('\n');
    expect(done).toContain('已代张伟向平安镇提交申请');
    expect(done).toContain('村（居）委会代为提交');
    const caseId = /SQ\d{14}/.exec(done)![0];
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ submittedBy: 'village_committee', applicantUserId: null });
    const [submit] = await svc.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(submit).toMatchObject({
      eventType: 'submit',
      actorRole: 'village_committee',
      actorId: 'vc-hongqi',
    });
    await svc.dispatcher.whenIdle();
    expect(svc.fake.sentTo('cw-vob').length).toBe(before + 1);
    expect(JSON.stringify(svc.fake.sentTo('cw-vob').at(-1)!.body)).toContain('村（居）委会代为提交');

    // The caseworker asks for missing materials: the one-time notice reaches the committee to hand on.
    const staff = new ChatDriver(svc, 'app', clock);
    await staff.say('cw-vob', `补正材料 ${caseId}`);
    await staff.say('cw-vob', '2');
    await staff.say('cw-vob', '确认');
    await svc.dispatcher.whenIdle();
    const forwarded = chat.received('vc-hongqi').at(-1)!;
    expect(forwarded).toContain('【代为申请】');
    expect(forwarded).toContain('请打印或转告后交给申请人');
    expect(forwarded).toContain('补正材料一次性告知书');
  });

  it('a committee of another township cannot hand in for 平安镇; the draft is kept', async () => {
    for (const [answer] of dibaoAnswers(IDS.c, IDS.d)) await chat.say('vc-fate', answer);
    const refused = (await chat.say('vc-fate', '确认')).join('\n');
    expect(refused).toContain('只能代本乡镇（法特镇）');
    expect(await svc.database.db.select().from(cases).where(eq(cases.applicantName, '张伟'))).toHaveLength(1);
  });
});

import { eq } from 'drizzle-orm';
import { cases } from '../../src/core/db/schema';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

/**
 * Issue 15: the supervisor does in chat what the bureau CLI does — the monthly report (the month
 * just ended, as the workbook with its totals) and the archive check of a case — with clear answers
 * for a month not over, a malformed month, and staff who are not the bureau.
 */
let svc: TestService;
// Thursday 3 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-03T01:00:00Z'));
let staff: ChatDriver;
let caseId: string;
const SUPERVISOR = 'sup-bc-1';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: SUPERVISOR, name: '市局赵', role: 'bureau_supervisor', townshipId: null },
    { userId: 'cw-bc-1', name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'cw-fate-bc', name: '赵经办', role: 'township_caseworker', townshipId: 'fate' },
  ]);
  staff = new ChatDriver(svc, 'app', clock);
  const resident = new ChatDriver(svc, 'kf', clock);
  for (const [answer] of dibaoAnswers(IDS.a, IDS.b)) await resident.say('kf-bc-1', answer);
  caseId = /SQ\d{14}/.exec((await resident.say('kf-bc-1', '确认')).join('\n'))![0];
}, 90_000);

afterAll(async () => {
  await svc.stop();
});

describe('the bureau in chat', () => {
  it('月报 sends last month’s workbook with its totals', async () => {
    const reply = (await staff.say(SUPERVISOR, '月报')).join('\n');
    expect(reply).toContain('2026-11 月报表');
    expect(reply).toContain('新增低保 0 户');
    await svc.dispatcher.whenIdle();
    const sent = svc.fake.sentTo(SUPERVISOR).map((s) => s.body as { msgtype: string });
    expect(sent.some((b) => b.msgtype === 'file')).toBe(true);
    // Asked again: the same stored report, said so.
    expect((await staff.say(SUPERVISOR, '月报 2026-11')).join('\n')).toContain('发送的是存档的同一份');
  });

  it('a month not over and a malformed month get clear answers', async () => {
    expect((await staff.say(SUPERVISOR, '月报 2026-12')).join('\n')).toContain('还没有结束');
    expect((await staff.say(SUPERVISOR, '月报 2026-13')).join('\n')).toContain('月报 2026-11');
  });

  it('档案检查 <编号> lists what the archive holds and lacks', async () => {
    const reply = (await staff.say(SUPERVISOR, `档案检查 ${caseId}`)).join('\n');
    expect(reply).toContain(`案件 ${caseId} 档案检查`);
    expect(reply).toContain('不齐全');
    expect(reply).toContain('缺失：入户调查记录');
    expect(reply).toContain('签字件未交回');
    expect((await staff.say(SUPERVISOR, '档案检查 SQ00000000000000')).join('\n')).toContain(
      'SQ00000000000000',
    );
  });

  it('a correction the bureau asks reaches the township, and its completion the bureau (六(六))', async () => {
    await svc.database.db
      .update(cases)
      .set({ state: 'filed', outcome: 'approved' })
      .where(eq(cases.id, caseId));
    await staff.say(SUPERVISOR, `要求补正档案 ${caseId}`);
    await staff.say(SUPERVISOR, '入户调查表缺第二名工作人员签字；公示张贴照片未上传');
    await svc.dispatcher.whenIdle();
    const toTownship = staff.received('cw-bc-1').find((t) => t.includes('【市民政局要求补正】'));
    expect(toTownship).toContain(caseId);
    expect(toTownship).toContain('缺第二名工作人员签字');
    expect(toTownship).toContain(`补正完成 ${caseId}`);
    await staff.say('cw-bc-1', `补正完成 ${caseId}`);
    await staff.say('cw-bc-1', '已补签入户调查表，公示照片已发送签字件');
    await svc.dispatcher.whenIdle();
    const toBureau = staff.received(SUPERVISOR).find((t) => t.includes('【补正完成】'));
    expect(toBureau).toContain('已补签入户调查表');
    expect((await svc.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.state).toBe('filed');
  });

  it('a township caseworker is told these are the bureau’s', async () => {
    expect((await staff.say('cw-bc-1', '月报')).join('\n')).toContain('由市民政局办理');
    // The archive check of the township's own case is theirs too, before filing.
    expect((await staff.say('cw-bc-1', `档案检查 ${caseId}`)).join('\n')).toContain(
      `案件 ${caseId} 档案检查`,
    );
    expect((await staff.say('cw-fate-bc', `档案检查 ${caseId}`)).join('\n')).toContain(
      '没有找到您能查看的案件',
    );
  });
});

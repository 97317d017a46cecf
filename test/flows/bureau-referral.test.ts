import { eq } from 'drizzle-orm';
import { caseEvents, caseNotices, cases } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

/**
 * Issue 15 D10: a case referred to the bureau (转报; here an HIV case, Jilin rule: the county
 * bureau accepts, verifies and confirms it, no appraisal, no publicity) reaches the bureau's
 * supervisors, shows in their 待办 and case view with the steps they may take, and is carried to
 * an outcome the applicant is told of — walked through the real callback path on both channels.
 */

let svc: TestService;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let staff: ChatDriver;
const CASEWORKER = 'cw-r1';
const SUPERVISORS = ['sup-r1', 'sup-r2'];
const VILLAGE = 'vc-r1';
const REASON = '申请人为艾滋病病毒感染者，按吉林省规定由县级民政部门直接受理';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: CASEWORKER, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: VILLAGE, name: '村委一', role: 'village_committee', townshipId: 'pingan' },
    { userId: 'sup-r1', name: '市局一', role: 'bureau_supervisor', townshipId: null },
    { userId: 'sup-r2', name: '市局二', role: 'bureau_supervisor', townshipId: null },
  ]);
  staff = new ChatDriver(svc, 'app', clock);
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

const caseRow = async (id: string) =>
  (await svc.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;

describe.each([
  ['kf', 'kf-referred-1', IDS.a, IDS.b],
  ['app', 'app-referred-1', IDS.c, IDS.d],
] as const)(
  'a referred (HIV) case is carried to an outcome by the bureau (%s)',
  (channel, user, id, spouse) => {
    let resident: ChatDriver;
    let caseId: string;
    beforeAll(async () => {
      resident = new ChatDriver(svc, channel, clock);
      caseId = await applyInChat(resident, user, id, spouse);
    }, 60_000);

    it('tells every bureau supervisor on 转报, without the confidential reason', async () => {
      const before = SUPERVISORS.map((s) => staff.received(s).length);
      expect((await staff.say(CASEWORKER, `转市民政局 ${caseId}`)).join('\n')).toContain('转市民政局的原因');
      await staff.say(CASEWORKER, REASON);
      expect((await staff.say(CASEWORKER, '是')).join('\n')).toContain('现在：已转市民政局');
      expect(await caseRow(caseId)).toMatchObject({ state: 'referred_to_bureau', hivTagged: true });
      for (const [i, supervisor] of SUPERVISORS.entries()) {
        const told = staff.received(supervisor).slice(before[i]).join('\n');
        expect(told).toContain(`【转报市民政局】平安镇把案件 ${caseId}（低保）转市民政局直接办理`);
        expect(told).toContain('本案属保密事项');
        expect(told).toContain(`案件 ${caseId}`);
        for (const secret of ['艾滋', '感染', REASON, id, '张伟']) expect(told).not.toContain(secret);
      }
      // The township no longer sees it (Jilin rule), nor does anyone outside the bureau get it.
      expect((await staff.say(CASEWORKER, '待办')).join('\n')).not.toContain(caseId);
      expect((await staff.say(CASEWORKER, `案件 ${caseId}`)).join('\n')).toContain('没有找到');
      expect(staff.received(VILLAGE).join('\n')).not.toContain(caseId);
    });

    it('lists it in the supervisor’s 待办, with no instruction to run an admin command', async () => {
      const todo = (await staff.say('sup-r1', '待办')).join('\n');
      expect(todo).toContain('市民政局待办');
      expect(todo).toMatch(new RegExp(`\\d+\\. ${caseId} 平安镇（低保）已转市民政局，2026-12-\\d\\d起`));
      expect(todo).not.toContain('npm run admin');
      // The supervisor's menu names the bureau's own steps.
      expect((await staff.say('sup-r1', '菜单')).join('\n')).toContain('市局批准 编号');
    });

    it('shows the supervisor the case, why it was referred, and the steps the bureau may take', async () => {
      const view = (await staff.say('sup-r1', `案件 ${caseId}`)).join('\n');
      expect(view).toContain(`案件 ${caseId}：张伟，低保`);
      expect(view).toContain('当前：已转市民政局');
      expect(view).toContain(`转报原因：${REASON}`);
      expect(view).toContain('市局批准');
      expect(view).toContain('市局不予批准');
      expect(view).not.toContain(id);
    });

    it('a township caseworker cannot take the bureau’s decision', async () => {
      expect((await staff.say(CASEWORKER, `市局批准 ${caseId}`)).join('\n')).toContain('没有找到');
      expect((await caseRow(caseId)).state).toBe('referred_to_bureau');
    });

    it('the supervisor approves: the applicant gets the bureau’s notice, nothing is publicised', async () => {
      const basis = (await staff.say('sup-r2', `市局批准 ${caseId}`)).join('\n');
      expect(basis).toContain('市民政局直接核对家庭经济状况的结论');
      expect(
        (await staff.say('sup-r2', '县级核对：家庭人均收入低于低保标准，无机动车')).join('\n'),
      ).toContain('保障金额');
      expect((await staff.say('sup-r2', '600')).join('\n')).toContain('确认的家庭人口');
      const done = (await staff.say('sup-r2', '2')).join('\n');
      expect(done).toContain(`案件 ${caseId}：已办理“市局批准”，现在：发放中`);
      expect(await caseRow(caseId)).toMatchObject({
        state: 'in_payment',
        outcome: 'approved',
        amountFenPerMonth: 60_000,
        startMonth: '2027-01',
      });
      const [event] = await svc.database.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.eventType, 'bureau_decide_approve'))
        .orderBy(caseEvents.id);
      expect(event).toBeDefined();
      await svc.dispatcher.whenIdle();
      const notice = resident.received(user).at(-1) ?? '';
      expect(notice).toContain('审批结果通知书');
      expect(notice).toContain('经舒兰市民政局审核确认，决定予以批准');
      expect(notice).toContain('每月600元，自2027-01起');
      for (const secret of ['艾滋', REASON]) expect(notice).not.toContain(secret);
      const archived = await svc.database.db.select().from(caseNotices).where(eq(caseNotices.caseId, caseId));
      expect(archived.map((n) => n.kind)).toContain('approval');
      expect(archived.map((n) => n.kind)).not.toContain('publicity');
      expect(staff.received(VILLAGE).join('\n')).not.toContain('张伟');
      expect((await staff.say('sup-r1', '待办')).join('\n')).not.toContain(caseId);
    });
  },
);

describe('the bureau may also refuse a referred case, in writing', () => {
  it('records the reasons and sends the bureau’s 不予批准告知书 with the remedies', async () => {
    const resident = new ChatDriver(svc, 'kf', clock);
    const user = 'kf-referred-2';
    const caseId = await applyInChat(resident, user, IDS.b, IDS.c);
    await staff.say(CASEWORKER, `转市民政局 ${caseId}`);
    await staff.say(CASEWORKER, REASON);
    await staff.say(CASEWORKER, '是');
    expect((await staff.say('sup-r1', `市局不予批准 ${caseId}`)).join('\n')).toContain('不予批准的理由');
    const done = (await staff.say('sup-r1', '家庭人均收入高于当地低保标准')).join('\n');
    expect(done).toContain('现在：已办结');
    expect(await caseRow(caseId)).toMatchObject({ state: 'closed', outcome: 'rejected' });
    await svc.dispatcher.whenIdle();
    const notice = resident.received(user).at(-1) ?? '';
    expect(notice).toContain('不予批准告知书');
    expect(notice).toContain('经舒兰市民政局审核，不予批准');
    expect(notice).toContain('家庭人均收入高于当地低保标准');
    expect(notice).toContain('60日内依法申请行政复议');
  }, 60_000);
});

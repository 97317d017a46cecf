import { eq } from 'drizzle-orm';
import { caseNotices, cases, staffMembers } from '../../src/core/db/schema';
import { eventXml, sealCallback } from '../../src/sandbox/callback-driver';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let resident: ChatDriver;
let staff: ChatDriver;
let caseId: string;
const RESIDENT = 'kf-staffcase-1';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  const member = (
    userId: string,
    name: string,
    role: 'township_caseworker' | 'village_committee',
    townshipId: string,
  ) => ({
    userId,
    name,
    role,
    townshipId,
    createdAt: now,
    updatedAt: now,
  });
  await svc.database.db
    .insert(staffMembers)
    .values([
      member('cw-a1', '王一', 'township_caseworker', 'pingan'),
      member('cw-a2', '王二', 'township_caseworker', 'pingan'),
      member('vc-a1', '村委一', 'village_committee', 'pingan'),
      member('cw-b1', '赵一', 'township_caseworker', 'fate'),
    ]);
  resident = new ChatDriver(svc, 'kf', clock);
  staff = new ChatDriver(svc, 'app', clock);
  caseId = await applyInChat(resident, RESIDENT, IDS.a, IDS.b);
});
afterAll(async () => {
  await svc.stop();
});

const state = async () => (await svc.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.state;

describe('a caseworker works a case in chat', () => {
  it('sees the new application in 待办 and its details with the possible steps', async () => {
    expect((await staff.say('cw-a1', '待办')).join('\n')).toContain(`${caseId} 张伟（低保）待审核材料`);
    const view = (await staff.say('cw-a1', `案件 ${caseId}`)).join('\n');
    expect(view).toContain('家庭2人，本人申请');
    // Who did what, by name: the applicant as 申请人, never a WeCom or 微信客服 id.
    expect(view).toMatch(/提交申请（申请人）/);
    expect(view).not.toContain(RESIDENT);
    expect(view).toContain('受理');
    expect(view).toContain('补正材料');
    expect(view).not.toContain(IDS.a);
  });

  it('asks for missing materials once: the resident gets the one-time notice', async () => {
    const ask = (await staff.say('cw-a1', `补正材料 ${caseId}`)).join('\n');
    expect(ask).toMatch(/一次性告知/);
    expect(ask).toContain('1. 书面申请');
    expect((await staff.say('cw-a1', '9 9 9')).join('\n')).toContain('请回复材料的序号');
    // 补正 is one-time by law: shown whole, with what is sent to whom, before it is sent (issue 15).
    const confirm = (await staff.say('cw-a1', '2 4')).join('\n');
    expect(confirm).toContain('请核对');
    expect(confirm).toContain('依法只能一次性告知');
    expect(confirm).toContain('共同生活家庭成员身份证件及户口簿');
    expect(await state()).toBe('submitted');
    expect((await staff.say('cw-a1', '确认')).join('\n')).toContain('现在：待补正材料');
    await svc.dispatcher.whenIdle();
    const notice = resident.received(RESIDENT).at(-1)!;
    expect(notice).toContain('补正材料一次性告知书');
    expect(notice).toContain('共同生活家庭成员身份证件及户口簿');
    expect(notice).toContain('家庭收入和财产状况申报表');
    expect(await state()).toBe('awaiting_materials');
  });

  it('accepts once the materials are in: the resident gets the acceptance notice', async () => {
    await staff.say('cw-a1', `材料已补齐 ${caseId}`);
    expect((await staff.say('cw-a1', `受理 ${caseId}`)).join('\n')).toContain('受理通知书发给申请人');
    expect((await staff.say('cw-a1', '确认')).join('\n')).toContain('现在：已受理，待信息核对');
    await svc.dispatcher.whenIdle();
    expect(resident.received(RESIDENT).at(-1)).toContain('受理通知书');
  });

  it('reads commands typed the way phones type them, and says what a case number looks like', async () => {
    // Lower case, no space between the step and the number.
    expect((await staff.say('cw-a1', `案件 ${caseId.toLowerCase()}`)).join('\n')).toContain(`案件 ${caseId}`);
    const noSpace = (await staff.say('cw-a1', `信息核对${caseId}`)).join('\n');
    expect(noSpace).toContain('信息核对结果');
    await staff.say('cw-a1', '取消');
    // A number that is no case: a staff answer, not the residents' policy fallback.
    for (const typed of ['案件 123', '不予受理 214', '文书 77'])
      expect((await staff.say('cw-a1', typed)).join('\n')).toContain('案件编号形如 SQ');
    expect((await staff.say('cw-a1', '回复 Q999 已处理')).join('\n')).not.toContain('转人工');
    expect((await staff.say('cw-a1', '回复 张三 已处理')).join('\n')).toContain('回复 咨询编号 答复内容');
    expect(await state()).toBe('accepted');
  });

  it('a home visit needs a second signing colleague; with one it is recorded', async () => {
    await staff.say('cw-a1', `信息核对 ${caseId}`);
    await staff.say('cw-a1', '省平台核对无异常');
    expect(await state()).toBe('verified');
    await staff.say('cw-a1', `入户调查 ${caseId}`);
    await staff.say('cw-a1', '今天');
    // "无" is no companion: the visit is refused at the question, before any finding is typed (D2).
    const signers = (await staff.say('cw-a1', '无')).join('\n');
    expect(signers).toContain('至少2名工作人员共同入户并签字');
    expect(signers).not.toMatch(/调查结论/);
    expect(await state()).toBe('verified');
    const ask = (await staff.say('cw-a1', `入户调查 ${caseId}`)).join('\n');
    expect(ask).toContain('入户调查日期');
    // A visit is a past event of this case: not tomorrow, not before the case was accepted.
    expect((await staff.say('cw-a1', '明天')).join('\n')).toContain('这个日期还没到');
    expect((await staff.say('cw-a1', '2026-11-01')).join('\n')).toContain('早于本案受理');
    await staff.say('cw-a1', '12月1日');
    const who = (await staff.say('cw-a1', '返回')).join('\n');
    expect(who).toContain('入户调查日期');
    await staff.say('cw-a1', '今天');
    // Not answered yet: 修改 offers only what was answered.
    const list = (await staff.say('cw-a1', '修改 签字人员')).join('\n');
    expect(list).toContain('请选择要修改的项目');
    expect(list).toContain('入户日期');
  });

  it('publicity shows only the allowed fields, to the village committee and the resident', async () => {
    // Finish the home visit begun above: 王二 (the only other colleague listed first) signs.
    const options = (await staff.say('cw-a1', '继续')).join('\n');
    const n = /(\d+)\. 王二/.exec(options)?.[1] ?? '1';
    await staff.say('cw-a1', n);
    const visit = (await staff.say('cw-a1', '家中确有困难')).join('\n');
    expect(visit).toContain('签字人员：王二');
    expect(visit).toContain('提交后不能修改');
    expect((await staff.say('cw-a1', '确认')).join('\n')).toContain('现在：已入户，待评议');
    await staff.say('cw-a1', `免于评议 ${caseId}`);
    await staff.say('cw-a1', '申请无争议');
    await staff.say('cw-a1', `审核符合 ${caseId}`);
    // 审核符合 asks the proposed amount; no 低保 standard configured: no gap is computed, and it says so.
    expect((await staff.say('cw-a1', '符合低保条件')).join('\n')).toContain('当地低保标准尚未由市民政局配置');
    expect((await staff.say('cw-a1', '0')).join('\n')).toContain('拟保障金额');
    // The amount the 公示 will show is checked before it is recorded.
    const review = (await staff.say('cw-a1', '450')).join('\n');
    expect(review).toContain('金额：450 元');
    expect(review).toContain('公示会写明');
    await staff.say('cw-a1', '确认');
    // So is the 公示 itself: who, where, how much and until when, before it goes to the village.
    const publicity = (await staff.say('cw-a1', `开始公示 ${caseId}`)).join('\n');
    expect(publicity).toContain('公示申请人：张伟');
    expect(publicity).toMatch(/拟保障（救助）金额（元）：450/);
    expect(publicity).toContain('2026-12-');
    expect((await staff.say('cw-a1', '确认')).join('\n')).toContain('现在：公示中');
    await svc.dispatcher.whenIdle();
    const posted = JSON.stringify(svc.fake.sentTo('vc-a1').map((s) => s.body));
    expect(posted).toContain('公示');
    expect(posted).toContain('张伟');
    expect(posted).toContain('家庭人口：2人');
    // The village and the proposed amount are shown (民发〔2021〕57号 第二十四条), nothing below the village.
    expect(posted).toContain('所在村（社区）：红旗村');
    expect(posted).toContain('拟保障金额：每月450元');
    for (const secret of [IDS.a, '139', '1200', '重特大疾病', '李娜']) expect(posted).not.toContain(secret);
    const [archived] = await svc.database.db
      .select()
      .from(caseNotices)
      .where(eq(caseNotices.kind, 'publicity'));
    expect(archived).toMatchObject({ caseId, templateId: 'notice.publicity' });
  });
});

describe('a caseworker of another township', () => {
  it('cannot see or act on the case, by any command, text or button', async () => {
    const verbs = [
      '受理',
      '补正材料',
      '不予受理',
      '材料已补齐',
      '信息核对',
      '入户调查',
      '免于评议',
      '审核符合',
      '审核不符合',
      '开始公示',
      '公示异议',
      '公示结束',
      '延期',
      '报备归档',
    ];
    const before = await state();
    expect((await staff.say('cw-b1', '待办')).join('\n')).not.toContain(caseId);
    expect((await staff.say('cw-b1', `案件 ${caseId}`)).join('\n')).toContain(
      `没有找到您能查看的案件 ${caseId}`,
    );
    for (const verb of verbs) {
      expect({ verb, reply: (await staff.say('cw-b1', `${verb} ${caseId}`)).join('\n') }).toEqual({
        verb,
        reply: expect.stringContaining('没有找到'),
      });
    }
    // A forged button press (template_card_event) for the case.
    clock.advance(6_000);
    const forged = eventXml(C, {
      fromUser: 'cw-b1',
      event: 'template_card_event',
      extra: {
        EventKey: `step:end_publicity:${caseId}`,
        TaskId: 'forged-task',
        CardType: 'button_interaction',
        ResponseCode: 'forged-code',
      },
    });
    await svc.post(sealCallback(C, forged, { timestamp: Math.floor(clock.now().getTime() / 1000) }));
    await svc.worker.whenIdle();
    await svc.dispatcher.whenIdle();
    expect(staff.received('cw-b1').at(-1)).toContain('没有找到');
    expect(await state()).toBe(before);
  });

  it('staff may ask policy questions like anyone', async () => {
    expect((await staff.say('cw-b1', '低保去哪里申请')).join('\n')).toContain('依据：');
  });

  it('a resident typing a staff command is not staff: it is a question like any other', async () => {
    const reply = (await resident.say(RESIDENT, `受理 ${caseId}`)).join('\n');
    expect(reply).not.toContain('已办理');
    expect(await state()).toBe('in_publicity');
  });
});

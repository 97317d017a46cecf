import { and, asc, eq } from 'drizzle-orm';
import { caseEvents, caseNotices, cases, dueTimers } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

// Issue 15: an objection during 公示 → re-investigation → a new opinion → a new 公示 (六(三); 民发
// 〔2021〕57号 第十九条: 公示有异议的，重新组织调查核实，重新提出审核意见，并重新公示).
let svc: TestService;
// 2026-12-01 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let resident: ChatDriver;
let staff: ChatDriver;
let caseId: string;
const RESIDENT = 'res-objection-1';
const CW = 'cw-obj-1';
const VILLAGE = 'vc-obj-1';
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: CW, name: '王明', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'cw-obj-2', name: '赵丽', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: VILLAGE, name: '刘书记', role: 'village_committee', townshipId: 'pingan' },
  ]);
  resident = new ChatDriver(svc, 'app', clock);
  staff = new ChatDriver(svc, 'app', clock);
});
afterAll(async () => {
  await svc.stop();
});

const say = async (text: string) => (await staff.say(CW, text)).join('\n');
const stateOf = async () =>
  (await svc.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.state;
const publicityNotices = () =>
  svc.database.db
    .select()
    .from(caseNotices)
    .where(and(eq(caseNotices.caseId, caseId), eq(caseNotices.kind, 'publicity')))
    .orderBy(asc(caseNotices.id));
const publicityTimer = async () =>
  (
    await svc.database.db
      .select()
      .from(dueTimers)
      .where(eq(dueTimers.id, `publicity.${caseId}`))
  )[0];

/** Investigation to the start of 公示: verification, a signed home visit, appraisal, opinion. */
async function investigateAndPublicise(
  findings: string,
  appraisal: string[],
  opinion: string,
  amount: string,
) {
  await say(`信息核对 ${caseId}`);
  expect(await say('省平台核对：工资收入与申报一致，无车辆、无工商登记')).toContain('已核对');
  await say(`入户调查 ${caseId}`);
  await say('今天');
  await say('1');
  await say(findings);
  expect(await say('确认')).toContain('已入户');
  for (const answer of appraisal) await say(answer);
  await say(`审核符合 ${caseId}`);
  expect(await say(opinion)).toContain('拟保障金额');
  expect(await say(amount)).toContain('公示会写明');
  expect(await say('确认')).toContain('审核符合，待公示');
  await say(`开始公示 ${caseId}`);
  expect(await say('确认')).toContain('公示中');
}

describe('an objection during 公示', () => {
  it('first round: investigated, reviewed eligible and publicised in the village', async () => {
    caseId = await applyInChat(resident, RESIDENT, IDS.a, IDS.b);
    await say(`受理 ${caseId}`);
    expect(await say('确认')).toContain('已受理');
    await investigateAndPublicise(
      '二人户，妻子患病，收入仅工资1200元，房屋破旧',
      [`免于评议 ${caseId}`, '申请无争议，村民代表无异议'],
      '家庭人均收入低于当地低保标准，符合条件',
      '450',
    );
    expect(await stateOf()).toBe('in_publicity');
    expect(await publicityNotices()).toHaveLength(1);
  });

  it('is recorded with its content, after confirmation, and sends the case back to investigation', async () => {
    clock.advance(2 * DAY); // 2026-12-03, within the 公示
    expect(await say(`公示异议 ${caseId}`)).toContain('异议内容');
    // An objection that says nothing is not an objection on record.
    expect(await say('有')).toMatch(/请写明具体内容|请用文字回答/);
    const confirm = await say('村民反映申请人家中开有小卖部，有经营收入未申报');
    expect(confirm).toContain('小卖部');
    expect(confirm).toContain('重新调查');
    expect(await stateOf()).toBe('in_publicity');
    expect(await say('确认')).toContain('已受理，待信息核对');

    expect(await stateOf()).toBe('accepted');
    const objection = (
      await svc.database.db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.eventType, 'record_objection')))
    )[0]!;
    expect(objection).toMatchObject({ actorId: CW, fromState: 'in_publicity', toState: 'accepted' });
    expect(objection.payload).toMatchObject({ summary: '村民反映申请人家中开有小卖部，有经营收入未申报' });
    // The interrupted 公示 no longer runs: no "公示结束" reminder for it.
    expect(await publicityTimer()).toMatchObject({ status: 'done' });
    // The case view shows the objection in the history and the investigation as the next step.
    const view = await say(`案件 ${caseId}`);
    expect(view).toContain('公示异议');
    expect(view).toContain('信息核对');
  });

  it('re-investigation, democratic appraisal and a new opinion lead to a new 公示 of its own 7 days', async () => {
    clock.advance(DAY); // 2026-12-04
    await investigateAndPublicise(
      '复查：小卖部已于2025年转让他人，现无经营收入，有转让协议为证',
      [
        `民主评议 ${caseId}`,
        '今天',
        '刘书记、张大山、李秀英、王富贵',
        '2',
        '多数代表认为小卖部早已转让，家庭确有困难；一人认为还需核实',
        '确认',
      ],
      '经重新调查，异议反映的经营收入不存在，仍符合低保条件',
      '420',
    );
    // The appraisal is on record whole (六(二)): day, who took part, result, notes.
    const [appraisal] = await svc.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.eventType, 'record_appraisal')));
    expect(appraisal!.payload).toMatchObject({
      appraisal: {
        heldOn: '2026-12-04',
        attendees: ['刘书记', '张大山', '李秀英', '王富贵'],
        result: 'majority_for',
        notes: '多数代表认为小卖部早已转让，家庭确有困难；一人认为还需核实',
      },
    });
    const notices = await publicityNotices();
    expect(notices).toHaveLength(2);
    expect(notices[0]!.text).toContain('拟保障金额：每月450元');
    expect(notices[1]!.text).toContain('拟保障金额：每月420元');
    expect(notices[1]!.text).toContain('所在村（社区）：红旗村');
    expect(notices[1]!.text).toContain('7天，2026-12-04张贴，次日起算，至2026-12-11止');
    expect(await publicityTimer()).toMatchObject({ status: 'open', dueOn: '2026-12-11' });
    // The village committee got both 公示 to post.
    await svc.dispatcher.whenIdle();
    expect(staff.received(VILLAGE).filter((t) => t.includes('公示期'))).toHaveLength(2);
    // Both opinions are on record, in order.
    const opinions = await svc.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.eventType, 'review_eligible')))
      .orderBy(asc(caseEvents.seq));
    expect(opinions.map((o) => (o.payload as { opinion: string }).opinion)).toEqual([
      '家庭人均收入低于当地低保标准，符合条件',
      '经重新调查，异议反映的经营收入不存在，仍符合低保条件',
    ]);
  });

  it('the new 公示 runs its full period before the meeting takes the case', async () => {
    clock.advance(7 * DAY); // 2026-12-11, its last day
    expect(await say(`公示结束 ${caseId}`)).toContain('2026-12-12 起可以记录公示结束');
    clock.advance(DAY);
    expect(await say(`公示结束 ${caseId}`)).toContain('待评审合议会');
    expect(await stateOf()).toBe('awaiting_meeting');
  });
});

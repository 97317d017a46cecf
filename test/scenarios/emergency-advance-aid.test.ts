import { and, eq } from 'drizzle-orm';
import { caseNotices, cases, dueTimers } from '../../src/core/db/schema';
import { nextWorkingDay, toLocalDate } from '../../src/domain/calendar';
import { runDeadlineAlerts } from '../../src/features/alerts/deadline-alerts';
import { archiveChecklist } from '../../src/features/bureau/archive-checklist';
import { computeMonthlyFigures } from '../../src/features/bureau/monthly-figures';
import { toReportMonth } from '../../src/features/bureau/report-month';
import { alertDeps, calendar, outboxRows, shanghai, textOf } from '../cron/cron-fixtures';
import { IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, TEST_CIPHER, type TestService } from '../support/test-service';

// Issue 15: 急难型 临时救助 went through 7 days of 公示 and paid "from next month". 先行救助 (2018
// 临时救助意见 二(二); the notice 六(五) 紧急程序): the township pays first within its authority
// (三(四)), no 公示 before the money, then completes the records (补办) within a deadline; 支出型
// keeps the normal route.
let svc: TestService;
// 2026-12-01 09:00 in Shulan, a Tuesday.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let resident: ChatDriver;
let staff: ChatDriver;
const RESIDENT = 'res-fire-1';
const CW = 'cw-adv-1';
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: CW, name: '王明', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'cw-adv-2', name: '赵丽', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'vc-adv-1', role: 'village_committee', townshipId: 'pingan' },
    { userId: 'sup-adv-1', role: 'bureau_supervisor', townshipId: null },
  ]);
  resident = new ChatDriver(svc, 'kf', clock);
  staff = new ChatDriver(svc, 'app', clock);
});
afterAll(async () => {
  await svc.stop();
});

/** A single person's 临时救助 application in chat; `kind` 1 = 急难型, 2 = 支出型. */
async function applyForTemporaryAid(user: string, idNumber: string, kind: '1' | '2'): Promise<string> {
  const answers = [
    '我要申请',
    '3',
    kind,
    '孙桂兰',
    idNumber,
    '13904329876',
    '平安镇',
    '红旗村',
    '是',
    '0',
    '养老金300',
    '2000',
    '否',
    '1',
    kind === '1' ? '12月1日凌晨房子着火，被褥口粮全烧了' : '老伴住院花了四万多，家里揭不开锅',
    '3000',
    '1',
    '同意',
    '否',
  ];
  for (const answer of answers) await resident.say(user, answer);
  const done = (await resident.say(user, '确认')).join('\n');
  const id = /SQ\d{14}/.exec(done)?.[0];
  if (!id) throw new Error(`application not submitted: ${done}`);
  return id;
}

const rowOf = async (id: string) => (await svc.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;
const say = async (text: string) => (await staff.say(CW, text)).join('\n');
const noticesOf = (id: string) =>
  svc.database.db.select().from(caseNotices).where(eq(caseNotices.caseId, id));
const timer = async (id: string, kind: string) =>
  (
    await svc.database.db
      .select()
      .from(dueTimers)
      .where(and(eq(dueTimers.caseId, id), eq(dueTimers.kind, kind)))
  )[0];

describe('急难型 临时救助 with 先行救助', () => {
  let caseId: string;

  it('is paid first within the township’s authority, without 公示, and the applicant is told', async () => {
    caseId = await applyForTemporaryAid(RESIDENT, IDS.d, '1');
    expect(await rowOf(caseId)).toMatchObject({ state: 'submitted', temporaryAidKind: 'emergency' });

    // The caseworker's alert marks it urgent and names 先行救助.
    await svc.dispatcher.whenIdle();
    const alert = staff.received(CW).find((t) => t.includes(caseId))!;
    expect(alert).toContain('【新申请·急难】');
    expect(alert).toContain(`先行救助 ${caseId}`);
    // What happened and how much is asked, in the resident's words, so the caseworker can judge at once.
    expect(alert).toContain('申请原因：12月1日凌晨房子着火，被褥口粮全烧了');
    expect(alert).toContain('申请金额：3000元');
    // The case view offers 先行救助 on a new 急难型 application.
    expect(await say(`案件 ${caseId}`)).toContain('先行救助');

    expect(await say(`先行救助 ${caseId}`)).toContain('急难事由');
    // A reason that says nothing is refused (meaningful-text).
    expect(await say('无')).toMatch(/请写明具体内容|请用文字回答/);
    expect(await say('12月1日凌晨住房失火，衣物被褥和口粮全部烧毁')).toContain('先行救助金额');
    expect(await say('1200')).toContain('救助人数');
    const confirm = await say('1');
    expect(confirm).toContain('金额：1200 元');
    expect(confirm).toContain('不经公示');
    // Above the township's limit (三(四): 1000 yuan per person): refused, nothing paid, with what to do.
    const refused = await say('确认');
    expect(refused).toContain('超出乡镇审批权限');
    expect(refused).toContain('急难型每人1000元以内');
    expect(refused).toContain('一事一议');
    expect(await rowOf(caseId)).toMatchObject({ state: 'submitted' });

    // The answers are kept: the amount alone is corrected, then confirmed.
    expect(refused).toContain('修改 金额');
    expect(await say('修改 金额')).toContain('先行救助金额');
    expect(await say('800')).toContain('金额：800 元');
    const done = await say('确认');
    expect(done).toContain('已先行救助，待补办手续');
    expect(done).toContain('补办手续');

    const row = await rowOf(caseId);
    expect(row).toMatchObject({ state: 'advance_paid', amountFenPerMonth: 80_000, acceptedOn: '2026-12-01' });
    const notices = await noticesOf(caseId);
    // No 公示 before the money; the written notice says paid now, not from next month.
    expect(notices.map((n) => n.kind)).toEqual(['advance_aid']);
    await svc.dispatcher.whenIdle();
    const told = resident.received(RESIDENT).at(-1)!;
    expect(told).toContain('临时救助（先行救助）通知书');
    expect(told).toContain('救助金额：800元');
    expect(told).toContain('住房失火');
    expect(told).toContain('平安镇人民政府');
    expect(told).not.toContain('次月');
    expect(told).not.toContain(IDS.d);

    // The records are due within 30 working days of the aid: 2026-12-01 → 2027-01-13 on the
    // official calendar (元旦 off). The decision clock stopped: the aid was granted.
    const records = await timer(caseId, 'advance-records');
    expect(records).toMatchObject({ status: 'open' });
    expect(records!.dueOn).toBe('2027-01-13');
    expect(await timer(caseId, 'decision')).toBeUndefined();

    // 待办 names the 补办 deadline; the resident's status says what happened and what comes next.
    const todo = await say('待办');
    expect(todo).toContain(caseId);
    expect(todo).toContain('补办先行救助手续');
    expect((await resident.say(RESIDENT, '进度')).join('\n')).toContain('已先行发放');
  });

  it('completes the records (补办) with a signed home visit, then is filed like any approval', async () => {
    clock.advance(7 * DAY); // 2026-12-08
    expect(await say(`补办手续 ${caseId}`)).toContain('入户调查的日期');
    expect(await say('今天')).toContain('同行入户并签字');
    expect(await say('1')).toContain('入户调查结论');
    expect(await say('住房确已烧毁，借住亲属家，无其他收入来源')).toContain('审核意见');
    expect(await say('同上')).toMatch(/请写明具体内容|请用文字回答/);
    const confirm = await say('急难情形属实，金额在权限内，确认先行救助');
    expect(confirm).toContain('签字人员：赵丽');
    expect(await say('确认')).toContain('已批准，待报备');

    expect(await rowOf(caseId)).toMatchObject({ state: 'approved', outcome: 'approved' });
    expect(await timer(caseId, 'advance-records')).toMatchObject({ status: 'done' });
    // Still never publicised.
    expect((await noticesOf(caseId)).some((n) => n.kind === 'publicity')).toBe(false);

    // Filed with the bureau, which accepts it: the case is archived.
    await say(`报备归档 ${caseId}`);
    expect(await say('2026-12')).toContain('已报备');
    const bureau = new ChatDriver(svc, 'app', clock);
    expect((await bureau.say('sup-adv-1', `备案通过 ${caseId}`)).join('\n')).toContain(caseId);
    expect((await rowOf(caseId)).state).toBe('in_payment');
    // The resident is told a one-time payment, not "monthly from next month".
    const status = (await resident.say(RESIDENT, '进度')).join('\n');
    expect(status).toContain('一次性发放');
    expect(status).not.toMatch(/按月|次月/);

    // The archive (八) holds the 先行救助 notice and the signed 补办 visit; 公示, meeting and the
    // simplified checks are not applicable; the materials follow as for any case (tagged files).
    const archive = await archiveChecklist(svc.database.db, caseId, { cipher: TEST_CIPHER });
    expect(Object.fromEntries(archive!.items.map((i) => [i.id, i.status]))).toMatchObject({
      application: 'present',
      home_visit: 'present',
      publicity: 'not_applicable',
      meeting_minutes: 'not_applicable',
      decision_notice: 'present',
    });

    // The monthly report (六(三) 月报表) counts the aid once, in the month it was paid.
    const figures = await computeMonthlyFigures(svc.database.db, toReportMonth('2026-12'));
    expect(figures.byTownship.get('pingan')?.temporaryAid).toEqual({ count: 1, totalFen: 80_000 });
  });

  it('支出型 keeps the normal route: no 先行救助, accepted and investigated as usual', async () => {
    const other = await applyForTemporaryAid('res-medical-1', IDS.a, '2');
    expect(await rowOf(other)).toMatchObject({ temporaryAidKind: 'expenditure' });
    expect(await say(`案件 ${other}`)).not.toContain('先行救助');
    await say(`先行救助 ${other}`);
    await say('住院花费很大，家里无力承担');
    await say('800');
    await say('1');
    const refused = await say('确认');
    expect(refused).toContain('只有急难型临时救助可以先行救助');
    expect(refused).toContain('按正常程序办理');
    expect(await rowOf(other)).toMatchObject({ state: 'submitted' });

    await say(`受理 ${other}`);
    await say('确认');
    expect(await rowOf(other)).toMatchObject({ state: 'accepted' });
    expect(await timer(other, 'decision')).toMatchObject({ status: 'open' });
    expect(await timer(other, 'advance-records')).toBeUndefined();
  });

  it('a 补办 that finds the conditions unmet: the aid stands as paid, the bureau gets the reasons', async () => {
    const unfounded = await applyForTemporaryAid('res-fire-3', IDS.b, '1');
    await say(`先行救助 ${unfounded}`);
    await say('自述住房失火，无处居住');
    await say('500');
    await say('1');
    await say('确认');
    expect(await say(`补办不符合 ${unfounded}`)).toContain('入户调查的日期');
    await say('今天');
    await say('1');
    await say('住房完好，仅厨房轻微烟熏');
    expect(await say('无')).toMatch(/请写明具体内容|请用文字回答/);
    const confirm = await say('住房未受损，不属于急难情形；家中有稳定收入');
    expect(confirm).toContain('市民政局');
    expect(confirm).toContain('签字人员：赵丽');
    expect(await say('确认')).toContain(unfounded);

    expect(await rowOf(unfounded)).toMatchObject({
      state: 'approved',
      outcome: 'approved',
      amountFenPerMonth: 50_000,
    });
    expect(await timer(unfounded, 'advance-records')).toMatchObject({ status: 'done' });
    await svc.dispatcher.whenIdle();
    const told = svc.fake
      .sentTo('sup-adv-1')
      .map((s) => JSON.stringify(s.body))
      .find((b) => b.includes('先行救助补办不符合') && b.includes(unfounded));
    expect(told).toBeDefined();
    expect(told).toContain('住房未受损');
    expect(told).toContain('500');
    expect(told).toContain('第六十八条');
    // The signed visit is in the archive like any 补办.
    const archive = await archiveChecklist(svc.database.db, unfounded, { cipher: TEST_CIPHER });
    expect(archive!.items.find((i) => i.id === 'home_visit')?.status).toBe('present');
  });

  it('a 补办 not done by its deadline is escalated like any statutory deadline', async () => {
    const late = await applyForTemporaryAid('res-fire-2', IDS.c, '1');
    await say(`先行救助 ${late}`);
    await say('邻居家失火殃及，房屋受损无法居住');
    await say('600');
    await say('1');
    await say('确认');
    const due = (await timer(late, 'advance-records'))!.dueOn;
    const dayAfter = nextWorkingDay(calendar, toLocalDate(due)).date;
    await runDeadlineAlerts(shanghai(dayAfter, '08:00'), alertDeps(svc.database.db));
    const overdue = (await outboxRows(svc.database.db))
      // Text rows only: the outbox also carries the PDF papers of each step.
      .filter((r) => (r.body as { text?: unknown }).text !== undefined)
      .map(textOf)
      .filter((t) => t.startsWith('【逾期督办】') && t.includes(late));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue[0]).toContain('补办先行救助手续');
    expect(overdue[0]).toContain('关于进一步加强和改进临时救助工作的意见');
  });
});

import { eq } from 'drizzle-orm';
import { cases, handoffAnswers, handoffs, staffMembers } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

/**
 * Issue 15 D7: a 转人工 hand-off can be answered. The caseworkers of the township get a reference
 * they can act on (name, case, the latest question, masked, and the command), `回复 <编号> <text>`
 * reaches the resident on their own channel, who answered and when is recorded, and the
 * caseworker learns whether it was delivered or held (微信客服 48-hour window) — all through the
 * real callback path, with the fake WeCom enforcing the 微信客服 window.
 */

const HOUR = 3_600_000;
let svc: TestService;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let staff: ChatDriver;
const CASEWORKER = 'cw-h1';
const OTHER_TOWNSHIP = 'cw-h9';
const OLDER_QUESTION = '公积金怎么提取';
const LATEST_QUESTION = '我手机13904321234，低保每个月什么时候发钱';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  await svc.database.db.insert(staffMembers).values([
    {
      userId: CASEWORKER,
      name: '王经办',
      role: 'township_caseworker',
      townshipId: 'pingan',
      createdAt: now,
      updatedAt: now,
    },
    {
      userId: OTHER_TOWNSHIP,
      name: '赵经办',
      role: 'township_caseworker',
      townshipId: 'fate',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  staff = new ChatDriver(svc, 'app', clock);
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

const handoffOf = async (user: string) =>
  (await svc.database.db.select().from(handoffs).where(eq(handoffs.userId, user)))[0]!;
const answersOf = (handoffId: number) =>
  svc.database.db.select().from(handoffAnswers).where(eq(handoffAnswers.handoffId, handoffId));

describe.each([
  ['app', 'app-handoff-1', IDS.a, '企业微信'],
  ['kf', 'kf-handoff-1', IDS.c, '微信'],
] as const)('转人工 answered by a caseworker (%s)', (channel, user, applicantId, channelName) => {
  let resident: ChatDriver;
  let caseId: string;
  let handoffId: number;
  beforeAll(async () => {
    resident = new ChatDriver(svc, channel, clock);
    caseId = await applyInChat(resident, user, applicantId, IDS.b);
  }, 60_000);

  it('hands the latest question over, masked, with the resident’s name, case and the reply command', async () => {
    await resident.say(user, OLDER_QUESTION);
    await resident.say(user, LATEST_QUESTION);
    const before = staff.received(CASEWORKER).length;
    expect((await resident.say(user, '转人工')).join('\n')).toContain('已把您的问题转给平安镇的工作人员');
    handoffId = (await handoffOf(user)).id;
    const told = staff.received(CASEWORKER).slice(before).join('\n');
    expect(told).toContain(`【居民咨询 #${handoffId}】平安镇居民张伟（${channelName}，案件 ${caseId}）`);
    expect(told).toContain('“我手机139****1234，低保每个月什么时候发钱”');
    expect(told).toContain(`回复 ${handoffId} 答复内容`);
    expect(told).not.toContain(OLDER_QUESTION);
    expect(told).not.toContain('13904321234');
    expect(await handoffOf(user)).toMatchObject({ caseId, status: 'open', answeredBy: null });
  });

  it('another township’s caseworker cannot answer it', async () => {
    const reply = (await staff.say(OTHER_TOWNSHIP, `回复 ${handoffId} 您好`)).join('\n');
    expect(reply).toContain(`没有找到您所在乡镇（街道）的居民咨询 #${handoffId}`);
    expect(await answersOf(handoffId)).toHaveLength(0);
  });

  it('回复 <编号> reaches the resident on their channel, and the caseworker hears it was sent', async () => {
    const residentBefore = resident.received(user).length;
    const replies = (
      await staff.say(CASEWORKER, `回复 ${handoffId} 您好，低保金每月10日前发放到一卡通账户。`)
    ).join('\n');
    expect(replies).toContain(`已记录您对居民咨询 #${handoffId}（张伟，案件 ${caseId}）的答复`);
    expect(replies).toContain(`居民咨询 #${handoffId} 的答复已送达居民（${channelName}）`);
    expect(replies).not.toContain('依据：');
    const got = resident.received(user).slice(residentBefore).join('\n');
    expect(got).toContain('【平安镇工作人员答复】');
    expect(got).toContain('您咨询的问题：“我手机139****1234，低保每个月什么时候发钱”');
    expect(got).toContain('您好，低保金每月10日前发放到一卡通账户。');
    expect(await handoffOf(user)).toMatchObject({
      status: 'answered',
      answeredBy: CASEWORKER,
      answeredAt: clock.now(),
    });
    expect(await answersOf(handoffId)).toEqual([
      expect.objectContaining({ staffId: CASEWORKER, delivery: 'sent', deliveredAt: clock.now() }),
    ]);
  });

  it('the caseworker’s menu names the command', async () => {
    expect((await staff.say(CASEWORKER, '菜单')).join('\n')).toContain('回复 咨询编号 答复内容');
  });

  it('回复 without an answer asks for it', async () => {
    expect((await staff.say(CASEWORKER, `回复 ${handoffId}`)).join('\n')).toContain('请在编号后写上答复内容');
  });

  it('a resident whose case is closed is not asked their township again', async () => {
    await svc.database.db.update(cases).set({ state: 'closed' }).where(eq(cases.id, caseId));
    await resident.say(user, '低保停了还能再申请吗');
    const reply = (await resident.say(user, '转人工')).join('\n');
    expect(reply).toContain('平安镇的工作人员');
    expect(reply).not.toContain('哪个乡镇');
    await svc.database.db.update(cases).set({ state: 'submitted' }).where(eq(cases.id, caseId));
  });
});

describe('an answer to a 微信客服 resident outside the 48-hour window', () => {
  it('is held, the caseworker is told, and it reaches the resident when they write again', async () => {
    const resident = new ChatDriver(svc, 'kf', clock);
    const user = 'kf-handoff-2';
    await resident.say(user, '转人工');
    await resident.say(user, '残疾人能不能单独申请低保');
    expect((await resident.say(user, '平安镇')).join('\n')).toContain('已把您的问题转给平安镇的工作人员');
    const { id } = await handoffOf(user);
    clock.advance(49 * HOUR);
    const before = resident.received(user).length;
    const replies = (
      await staff.say(CASEWORKER, `回复 ${id} 可以，符合条件的重度残疾人可单独提出申请。`)
    ).join('\n');
    expect(replies).toContain(`已记录您对居民咨询 #${id}的答复`);
    expect(replies).toContain(`居民咨询 #${id}：居民暂时收不到消息`);
    expect(resident.received(user)).toHaveLength(before);
    expect(await answersOf(id)).toEqual([expect.objectContaining({ delivery: 'held', deliveredAt: null })]);

    const back = (await resident.say(user, '在吗')).join('\n');
    expect(back).toContain('可以，符合条件的重度残疾人可单独提出申请。');
    await svc.dispatcher.whenIdle();
    expect(staff.received(CASEWORKER).at(-1)).toContain(`居民咨询 #${id} 的答复已送达居民（微信）`);
    expect(await answersOf(id)).toEqual([
      expect.objectContaining({ delivery: 'sent', deliveredAt: expect.any(Date) }),
    ]);
  }, 60_000);
});

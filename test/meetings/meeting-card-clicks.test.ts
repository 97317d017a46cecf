import { eq } from 'drizzle-orm';
import { caseNotices, meetingInvitations, meetings } from '../../src/core/db/schema';
import { IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';
import { until } from '../support/until';
import { caseInPublicity, endPublicity, seedStaff, wordsOf } from './meeting-support';

/**
 * Issue 15 D11: the invitation card's clicks, walked through the real callback path. A member's
 * first click is answered in words and greys their card with the click's own response code; the
 * organiser counts as attending without clicking; a click once the meeting has begun is refused
 * and the card says so (六(三): the decision rests on attendance confirmed beforehand), so a meeting
 * that began with 2 of 5 decides nothing and has no minutes (the organiser among the minutes'
 * participants: test/meetings/meeting-cancel.test.ts).
 */

const HOUR = 3_600_000;
let svc: TestService;
let chat: ChatDriver;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));

const ORGANISER = 'cw-k1';
const MEMBERS = ['m-k1', 'm-k2', 'm-k3', 'm-k4'];
let meetingId: number;

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  svc.fake.callbacks.setTarget({
    url: `${svc.url}/wecom/callback`,
    token: C.token,
    encodingAesKey: C.encodingAesKey,
  });
  chat = new ChatDriver(svc, 'app', clock);
  const db = svc.database.db;
  await seedStaff(
    db,
    [
      { userId: ORGANISER, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
      {
        userId: 'm-k1',
        name: '张分管',
        role: 'coordination_member',
        townshipId: 'pingan',
        position: '民政分管领导',
      },
      {
        userId: 'm-k2',
        name: '刘纪委',
        role: 'coordination_member',
        townshipId: 'pingan',
        position: '纪委书记',
      },
      { userId: 'm-k3', name: '陈民政', role: 'coordination_member', townshipId: 'pingan' },
      { userId: 'm-k4', name: '赵成员', role: 'coordination_member', townshipId: 'pingan' },
    ],
    clock.now(),
  );
  const actor = await caseInPublicity(
    db,
    { id: 'MK-1', township: 'pingan', name: '张伟', idNumber: IDS.a, visitors: [ORGANISER, 'cw-k2'] },
    clock.now(),
  );
  clock.advance(8 * 24 * HOUR); // 9 December: publicity over
  await endPublicity(db, 'MK-1', actor, clock.now());
  await chat.say(ORGANISER, '会议');
  await chat.say(ORGANISER, '12月11日 9:00');
  await chat.say(ORGANISER, '镇政府三楼会议室');
  await chat.say(ORGANISER, '确认');
  const [meeting] = await db.select().from(meetings);
  meetingId = meeting!.id;
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

const textsTo = (user: string) => svc.fake.sentTo(user).map(wordsOf);
const invitationOf = async (user: string) =>
  (await svc.database.db.select().from(meetingInvitations).where(eq(meetingInvitations.userId, user)))[0]!;
const updatesOf = (taskId: string) => svc.fake.cardUpdates.filter((u) => u.taskId === taskId);

/** A member taps a button as WeCom reports it; answers the response code the click carried. */
async function click(user: string, answer: 'attend' | 'decline'): Promise<string> {
  clock.advance(5_000);
  const { taskId } = await invitationOf(user);
  const { delivery, responseCode } = await svc.fake.callbacks.deliverCardClick({
    fromUser: user,
    taskId,
    eventKey: `meeting:${answer}`,
  });
  expect(delivery.status).toBe(200);
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
  return responseCode;
}

describe('meeting invitation cards (issue 15 D11)', () => {
  it('counts the organiser as attending without a click, and tells him so', async () => {
    expect(await invitationOf(ORGANISER)).toMatchObject({ answer: 'attend' });
    expect(textsTo(ORGANISER).join('\n')).toContain('您作为组织人已计为参加');
    expect(textsTo(ORGANISER).join('\n')).toContain('您是会议组织人，已计为参加');
    for (const member of MEMBERS) expect(await invitationOf(member)).toMatchObject({ answer: 'pending' });
  });

  it('answers a member’s first click in words and greys the card with that click’s response code', async () => {
    const before = textsTo('m-k1').length;
    const code = await click('m-k1', 'attend');
    const { taskId } = await invitationOf('m-k1');
    await until(async () => updatesOf(taskId).length === 1);
    expect(updatesOf(taskId)).toEqual([
      expect.objectContaining({ userids: ['m-k1'], responseCode: code, replaceName: '已确认参加' }),
    ]);
    const answered = textsTo('m-k1').slice(before);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toContain('已记录：您确认参加 2026年12月11日 09:00 在 镇政府三楼会议室');
    expect(answered[0]).toContain('会议通知卡片已更新');
    // The organiser counts: one click makes two confirmations.
    expect(textsTo(ORGANISER).at(-1)).toContain('已确认 2/5 人参加，未答复 3 人');
  });

  it('a first 请假 is answered and shown on the card the same way', async () => {
    const code = await click('m-k2', 'decline');
    const { taskId } = await invitationOf('m-k2');
    await until(async () => updatesOf(taskId).length === 1);
    expect(updatesOf(taskId)[0]).toMatchObject({ responseCode: code, replaceName: '已请假' });
    expect(textsTo('m-k2').at(-1)).toContain('已记录：您请假');
    expect(textsTo(ORGANISER).at(-1)).toContain('已确认 2/5 人参加，请假 1 人，未答复 2 人');
  });

  it('refuses a click after the meeting began, says so, and marks the card', async () => {
    clock.advance(2 * 24 * HOUR); // 11 December ~09:00: the meeting has begun
    const toOrganiser = textsTo(ORGANISER).length;
    const code = await click('m-k3', 'attend');
    const reply = textsTo('m-k3').at(-1) ?? '';
    expect(reply).toContain('已于 2026年12月11日 09:00 开始');
    expect(reply).toContain('本次答复没有记录');
    const { taskId } = await invitationOf('m-k3');
    await until(async () => updatesOf(taskId).length === 1);
    expect(updatesOf(taskId)[0]).toMatchObject({ responseCode: code, replaceName: '会议已开始，答复未记录' });
    expect(await invitationOf('m-k3')).toMatchObject({ answer: 'pending', answeredAt: null });
    expect(textsTo(ORGANISER)).toHaveLength(toOrganiser);
    // A member who had answered cannot change it either once the meeting sits.
    await click('m-k1', 'decline');
    expect(textsTo('m-k1').at(-1)).toContain('您此前的答复（参加）保持不变');
    expect(await invitationOf('m-k1')).toMatchObject({ answer: 'attend' });
  });

  it('decides on the attendance confirmed before the start: 2 of 5 is refused', async () => {
    const refused = (await chat.say(ORGANISER, '决定 MK-1 批准 800')).join('\n');
    expect(refused).toContain('确认参加会议的只有2人，评审合议会至少需要5人');
  });

  it('files no minutes of a meeting that sat below the quorum, and says what to do instead', async () => {
    const refused = (await chat.say(ORGANISER, `纪要 ${meetingId}`)).join('\n');
    expect(refused).toContain('会前确认参加的只有2人，达不到评审合议会至少5人的法定人数');
    expect(refused).toContain('不形成会议纪要，也不存入案件档案');
    expect(refused).toContain(`取消会议 ${meetingId} 理由`);
    expect(await svc.database.db.select().from(caseNotices).where(eq(caseNotices.kind, 'minutes'))).toEqual(
      [],
    );
    const [meeting] = await svc.database.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(meeting?.status).toBe('scheduled');
  });
});

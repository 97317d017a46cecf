import { and, asc, eq } from 'drizzle-orm';
import { caseEvents, caseNotices, meetingInvitations, meetings } from '../../src/core/db/schema';
import { IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';
import { until } from '../support/until';
import { cardOf, caseInPublicity, caseRow, endPublicity, seedStaff, wordsOf } from './meeting-support';

/**
 * A caseworker's walk from the sandbox: a meeting scheduled below the quorum (two people
 * registered), then, the members registered, a second meeting at the same hour. A case is on one
 * live meeting only (docs/domain.md §11): the second meeting takes the cases over and the first is
 * cancelled, its invitees told; the decisions are recorded at the meeting with quorum and offer
 * the next step (报备归档) as buttons; the minutes list the organiser among the participants.
 */

const HOUR = 3_600_000;
let svc: TestService;
let chat: ChatDriver;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));

const ORGANISER = 'cw-c1';
const FIRST_MEMBER = 'm-c1';
const LATER_MEMBERS = ['m-c2', 'm-c3', 'm-c4', 'm-c5'];
const CASE_1 = 'SQ20261203000025';
const CASE_2 = 'SQ20261203000026';

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
        userId: FIRST_MEMBER,
        name: '张分管',
        role: 'coordination_member',
        townshipId: 'pingan',
        position: '民政分管领导',
      },
    ],
    clock.now(),
  );
  const actors = [];
  for (const [id, name, idNumber] of [
    [CASE_1, '张伟', IDS.a],
    [CASE_2, '王芳', IDS.b],
  ] as const)
    actors.push(
      await caseInPublicity(
        db,
        { id, township: 'pingan', name, idNumber, visitors: [ORGANISER, 'cw-c2'] },
        clock.now(),
      ),
    );
  clock.advance(8 * 24 * HOUR); // Wednesday 9 December: publicity over
  await endPublicity(db, CASE_1, actors[0]!, clock.now());
  await endPublicity(db, CASE_2, actors[1]!, clock.now());
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

const textsTo = (user: string) => svc.fake.sentTo(user).map(wordsOf);
const allMeetings = () => svc.database.db.select().from(meetings).orderBy(asc(meetings.id));
const invitationOf = async (meetingId: number, user: string) =>
  (
    await svc.database.db
      .select()
      .from(meetingInvitations)
      .where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, user)))
  )[0]!;

async function click(meetingId: number, user: string, answer: 'attend' | 'decline'): Promise<void> {
  clock.advance(5_000);
  const { taskId } = await invitationOf(meetingId, user);
  const { delivery } = await svc.fake.callbacks.deliverCardClick({
    fromUser: user,
    taskId,
    eventKey: `meeting:${answer}`,
  });
  expect(delivery.status).toBe(200);
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
}

async function schedule(place: string): Promise<string[]> {
  await chat.say(ORGANISER, '会议');
  await chat.say(ORGANISER, '12月11日 9:00');
  return chat.say(ORGANISER, place);
}

/** The button texts of the cards sent to a user since `from`. */
const buttonsSince = (user: string, from: number) =>
  svc.fake
    .sentTo(user)
    .slice(from)
    .flatMap((s) => cardOf(s)?.button_list ?? []);

let first: number;
let second: number;

describe('a case on one live meeting only (docs/domain.md §11)', () => {
  it('schedules a meeting below the quorum with the warning', async () => {
    const summary = (await schedule('镇政府二楼会议室')).join('\n');
    expect(summary).toContain('登记的协调小组成员和经办人员不足5人，达不到评审合议会的法定人数');
    const done = (await chat.say(ORGANISER, '确认')).join('\n');
    expect(done).toContain('受邀人数不足5人');
    const [meeting] = await allMeetings();
    first = meeting!.id;
    expect(meeting!.agenda).toEqual([
      { caseId: CASE_1, name: '张伟' },
      { caseId: CASE_2, name: '王芳' },
    ]);
  }, 60_000);

  it('a new meeting takes the cases over and cancels the earlier one, telling its invitees', async () => {
    await seedStaff(
      svc.database.db,
      LATER_MEMBERS.map((userId, i) => ({
        userId,
        name: ['刘纪委', '陈民政', '赵成员', '孙成员'][i]!,
        role: 'coordination_member' as const,
        townshipId: 'pingan',
      })),
      clock.now(),
    );
    const summary = (await schedule('镇政府三楼会议室')).join('\n');
    expect(summary).toContain(
      `${CASE_1} 张伟、${CASE_2} 王芳 已在评审合议会（会议编号 ${first}，2026年12月11日 09:00）议程上`,
    );
    expect(summary).toContain(`会议 ${first} 将取消`);
    const before = textsTo(FIRST_MEMBER).length;
    const done = (await chat.say(ORGANISER, '确认')).join('\n');
    const rows = await allMeetings();
    second = rows[1]!.id;
    expect(done).toContain(`评审合议会已安排（会议编号 ${second}）`);
    expect(done).toContain(`评审合议会（会议编号 ${first}，2026年12月11日 09:00）已取消`);
    expect(rows[0]).toMatchObject({ status: 'cancelled', cancelledBy: ORGANISER });
    expect(rows[0]!.cancelReason).toContain(`会议编号 ${second}`);
    expect(rows[1]).toMatchObject({ status: 'scheduled', agenda: rows[0]!.agenda });
    // The member of the first meeting is told it is off, then invited to the second.
    const told = textsTo(FIRST_MEMBER).slice(before).join('\n');
    expect(told).toContain(`【评审合议会取消】平安镇原定于 2026年12月11日 09:00 在 镇政府二楼会议室`);
    expect(told).toContain(`议程中的案件改由评审合议会（会议编号 ${second}`);
    expect(told.indexOf('【评审合议会取消】')).toBeLessThan(told.indexOf('【评审合议会通知】'));
    // The card of the first invitation is greyed with the code its sending left.
    const { taskId } = await invitationOf(first, FIRST_MEMBER);
    await until(async () => svc.fake.cardUpdates.some((u) => u.taskId === taskId));
    expect(svc.fake.cardUpdates.filter((u) => u.taskId === taskId)).toEqual([
      expect.objectContaining({ userids: [FIRST_MEMBER], replaceName: '会议已取消' }),
    ]);
    // The organiser is not told his own cancellation a second time.
    expect(textsTo(ORGANISER).join('\n')).not.toContain('【评审合议会取消】');
  }, 60_000);

  it('a click on the cancelled meeting’s card is refused as cancelled, the card still greyed', async () => {
    await click(first, FIRST_MEMBER, 'attend');
    const reply = textsTo(FIRST_MEMBER).at(-1) ?? '';
    expect(reply).toContain(`会议编号 ${first}）已经取消`);
    expect(reply).not.toContain('存档');
    const { taskId, answer } = await invitationOf(first, FIRST_MEMBER);
    expect(answer).toBe('pending');
    await until(async () => svc.fake.cardUpdates.filter((u) => u.taskId === taskId).length === 2);
    for (const update of svc.fake.cardUpdates.filter((u) => u.taskId === taskId))
      expect(update.replaceName).toBe('会议已取消');
  });

  it('decides at the meeting with quorum and offers 报备归档 as the next step', async () => {
    for (const member of [FIRST_MEMBER, ...LATER_MEMBERS.slice(0, 3)]) await click(second, member, 'attend');
    expect(textsTo(ORGANISER).at(-1)).toContain('已确认 5/5 人参加');
    clock.advance(2 * 24 * HOUR); // Friday 11 December, ~10:00: both meetings' hour has passed
    const summary = (await chat.say(ORGANISER, `决定 ${CASE_1} 批准 800`)).join('\n');
    expect(summary).toContain(`请核对评审合议会（会议编号 ${second}）的决定`);
    const from = svc.fake.sentTo(ORGANISER).length;
    const done = (await chat.say(ORGANISER, '确认')).join('\n');
    expect(done).toContain(
      `已记录评审合议会（会议编号 ${second}）的决定：案件 ${CASE_1}（张伟）批准，确认参会 5 人`,
    );
    expect(buttonsSince(ORGANISER, from)).toContainEqual(
      expect.objectContaining({ key: `step:file_with_bureau:${CASE_1}`, text: '报备归档' }),
    );
    expect((await caseRow(svc.database.db, CASE_1)).state).toBe('approved');
  }, 60_000);

  it('the last decision archives the minutes, the organiser among the participants', async () => {
    await chat.say(ORGANISER, `决定 ${CASE_2} 不批准 家庭人均收入高于当地低保标准`);
    const from = svc.fake.sentTo(ORGANISER).length;
    const done = (await chat.say(ORGANISER, '确认')).join('\n');
    expect(buttonsSince(ORGANISER, from).map((b) => b.text)).toContain('报备归档');
    expect(done).toContain('纪要已存入 2 件案件的档案');
    expect(done).toContain('参会人员（5人）：张分管（民政分管领导）、刘纪委、陈民政、赵成员、王经办');
    expect(done).toContain('未答复：孙成员');
    const minutes = await svc.database.db.select().from(caseNotices).where(eq(caseNotices.kind, 'minutes'));
    expect(minutes.map((n) => n.payload)).toEqual([
      expect.objectContaining({ meetingId: String(second) }),
      expect.objectContaining({ meetingId: String(second) }),
    ]);
  }, 60_000);

  it('an archived meeting cannot be cancelled; a cancelled one has no minutes', async () => {
    const refused = (await chat.say(ORGANISER, `取消会议 ${second} 改期`)).join('\n');
    expect(refused).toContain('没有取消');
    expect(refused).toContain('已经召开并存档纪要');
    expect((await chat.say(ORGANISER, `纪要 ${first}`)).join('\n')).toContain(
      `评审合议会（会议编号 ${first}，2026年12月11日 09:00）已经取消`,
    );
    const decisions = await svc.database.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.eventType, 'decide_approve'));
    expect(
      decisions.map((e) => (e.payload as { meeting: { minutesRef: string } }).meeting.minutesRef),
    ).toEqual([`meeting:${second}`]);
  });
});

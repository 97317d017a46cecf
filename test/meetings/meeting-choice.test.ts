import { and, eq } from 'drizzle-orm';
import { caseEvents, caseNotices, meetingInvitations, meetings } from '../../src/core/db/schema';
import { createMeeting, inviteesOf } from '../../src/features/meetings/meeting-records';
import { IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';
import { cardOf, caseInPublicity, caseRow, endPublicity, seedStaff, wordsOf } from './meeting-support';

/**
 * `决定` when a case is on several live meetings — as scheduling left them before a case could be
 * on one only — and `取消会议`. The decision is taken at the meeting that may decide (begun, with
 * the attendance confirmed beforehand reaching the quorum, 六(三)), never at an abandoned one;
 * several possible, it asks which; a meeting that began below the quorum decides nothing, has no
 * minutes, and is cancelled with a reason its invitees are told, its cases back to waiting.
 */

const HOUR = 3_600_000;
let svc: TestService;
let chat: ChatDriver;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));

const ORGANISER = 'cw-d1';
const MEMBERS = ['m-d1', 'm-d2', 'm-d3', 'm-d4'];
const OTHER_TOWNSHIP = 'cw-e1';
/** A: on two meetings with quorum; B: on the abandoned one and one with quorum; C: abandoned only. */
const CASE_A = 'MD-1';
const CASE_B = 'MD-2';
const CASE_C = 'MD-3';
const NAMES: Record<string, string> = { [CASE_A]: '赵丽', [CASE_B]: '钱军', [CASE_C]: '孙红' };
let abandoned: number;
let sitting: number;
let third: number;

/** A meeting as the old scheduling made them (its invitations, no cards), answers by real clicks. */
async function legacyMeeting(hour: string, caseIds: string[], attending: string[]): Promise<number> {
  const db = svc.database.db;
  const { meeting } = await createMeeting(
    db,
    {
      townshipId: 'shangying',
      organiserId: ORGANISER,
      heldAt: new Date(`2026-12-11T${hour}:00+08:00`),
      place: '镇政府会议室',
      agenda: caseIds.map((caseId) => ({ caseId, name: NAMES[caseId]! })),
      invitees: await inviteesOf(db, 'shangying'),
    },
    clock.now(),
  );
  for (const member of attending) await click(meeting.id, member, 'attend');
  return meeting.id;
}

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
      { userId: ORGANISER, name: '周经办', role: 'township_caseworker', townshipId: 'shangying' },
      ...MEMBERS.map((userId, i) => ({
        userId,
        name: ['吴分管', '郑纪委', '冯民政', '陈成员'][i]!,
        role: 'coordination_member' as const,
        townshipId: 'shangying',
      })),
      { userId: OTHER_TOWNSHIP, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
    ],
    clock.now(),
  );
  const actors = [];
  for (const [id, idNumber] of [
    [CASE_A, IDS.a],
    [CASE_B, IDS.b],
    [CASE_C, IDS.c],
  ] as const)
    actors.push(
      await caseInPublicity(
        db,
        { id, township: 'shangying', name: NAMES[id]!, idNumber, visitors: [ORGANISER, 'cw-d2'] },
        clock.now(),
      ),
    );
  clock.advance(8 * 24 * HOUR); // Wednesday 9 December: publicity over
  for (const [i, id] of [CASE_A, CASE_B, CASE_C].entries())
    await endPublicity(db, id, actors[i]!, clock.now());
  // The abandoned meeting starts last, so “the latest begun” would pick it.
  abandoned = await legacyMeeting('09:30', [CASE_A, CASE_B, CASE_C], []);
  sitting = await legacyMeeting('09:00', [CASE_A, CASE_B], MEMBERS);
  third = await legacyMeeting('09:15', [CASE_A], MEMBERS);
  clock.advance(2 * 24 * HOUR + HOUR); // Friday 11 December, ~10:00: all three have begun
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

const textsTo = (user: string) => svc.fake.sentTo(user).map(wordsOf);
const say = async (text: string) => (await chat.say(ORGANISER, text)).join('\n');
const meetingRow = async (id: number) =>
  (await svc.database.db.select().from(meetings).where(eq(meetings.id, id)))[0]!;
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

describe('决定 at the meeting that may decide (docs/domain.md §11)', () => {
  it('takes the meeting with quorum, not the later one abandoned below it', async () => {
    const summary = await say(`决定 ${CASE_B} 批准 800`);
    expect(summary).toContain(`请核对评审合议会（会议编号 ${sitting}）的决定`);
    expect(summary).not.toContain('确认参加会议的只有');
    expect(await say('取消')).toContain('已取消');
  });

  it('a meeting named that began below the quorum is refused, with how to cancel it', async () => {
    const refused = await say(`决定 ${CASE_A} 会议 ${abandoned} 批准 800`);
    expect(refused).toContain(`评审合议会（会议编号 ${abandoned}）确认参加会议的只有1人`);
    expect(refused).toContain('这次会议已经开始，不能再作出决定');
    expect(refused).toContain(`取消会议 ${abandoned} 理由`);
    expect(refused).not.toContain('请等更多人员');
    // The case on that meeting alone: refused the same way, never recorded.
    expect(await say(`决定 ${CASE_C} 批准 800`)).toContain('确认参加会议的只有1人');
    expect((await caseRow(svc.database.db, CASE_C)).state).toBe('awaiting_meeting');
  });

  it('files no minutes of the meeting below the quorum', async () => {
    const refused = await say(`纪要 ${abandoned}`);
    expect(refused).toContain('会前确认参加的只有1人，达不到评审合议会至少5人的法定人数');
    expect(await svc.database.db.select().from(caseNotices).where(eq(caseNotices.kind, 'minutes'))).toEqual(
      [],
    );
    expect((await meetingRow(abandoned)).status).toBe('scheduled');
  });
});

describe('取消会议', () => {
  it('another township’s caseworker cannot cancel it', async () => {
    const reply = (await chat.say(OTHER_TOWNSHIP, `取消会议 ${abandoned} 人数不足`)).join('\n');
    expect(reply).toContain(`没有找到本乡镇（街道）编号为 ${abandoned} 的评审合议会`);
    expect((await meetingRow(abandoned)).status).toBe('scheduled');
  });

  it('asks the reason, shows what will happen, and cancels on confirmation, telling the invitees', async () => {
    expect(await say(`取消会议 ${abandoned}`)).toContain(
      `请回复取消评审合议会（会议编号 ${abandoned}）的理由`,
    );
    expect(await say('无')).toContain('请写明具体内容');
    const summary = await say('确认参加的人数不足5人');
    expect(summary).toContain(`请核对：取消上营镇评审合议会（会议编号 ${abandoned}）`);
    expect(summary).toContain('会前确认参加 1 人（法定人数至少5人）');
    expect(summary).toContain('取消理由：确认参加的人数不足5人');
    expect((await meetingRow(abandoned)).status).toBe('scheduled');
    const done = await say('确认');
    expect(done).toContain(`已取消上营镇评审合议会（会议编号 ${abandoned}`);
    expect(done).toContain('已通知 4 位受邀人员');
    expect(await meetingRow(abandoned)).toMatchObject({
      status: 'cancelled',
      cancelledBy: ORGANISER,
      cancelReason: '确认参加的人数不足5人',
      cancelledAt: clock.now(),
    });
    for (const member of MEMBERS) {
      const told = textsTo(member).at(-1) ?? '';
      expect(told).toContain(`【评审合议会取消】上营镇原定于 2026年12月11日 09:30`);
      expect(told).toContain('取消理由：确认参加的人数不足5人');
      expect(told).toContain('议程中的案件将另行安排评审合议会');
    }
    expect(await say(`取消会议 ${abandoned} 再次取消`)).toContain('这次会议此前已经取消');
    expect(await say(`决定 ${CASE_A} 会议 ${abandoned}`)).toContain('该评审合议会已经取消');
  });

  it('its cases go back to waiting: the next 会议 takes them, but not one a meeting sits on', async () => {
    await say('会议');
    await say('12月14日 9:00');
    const summary = await say('镇政府会议室');
    expect(summary).toContain(`议程（1件）：\n1. ${CASE_C} 孙红\n`);
    expect(summary).toContain(
      `正在评审合议会（会议编号 ${third}，2026年12月11日 09:15，已开始并达到法定人数）上评审，不列入本次议程：${CASE_A} 赵丽`,
    );
    expect(summary).toContain(`正在评审合议会（会议编号 ${sitting}，`);
    expect(summary).toContain(`不列入本次议程：${CASE_B} 钱军`);
    expect(await say('取消')).toContain('已取消');
  });
});

describe('several meetings that may decide', () => {
  it('asks which, listing them with their attendance and how to name one', async () => {
    const asked = await say(`决定 ${CASE_A} 批准 800`);
    expect(asked).toContain('该案件在几次已经召开、达到法定人数的评审合议会议程上');
    expect(asked).toContain(
      `· 会议编号 ${sitting}：2026年12月11日 09:00，镇政府会议室，确认参加 5 人（至少需要5人），可以作出决定`,
    );
    expect(asked).toContain(`· 会议编号 ${third}：2026年12月11日 09:15`);
    expect(asked).not.toContain(`会议编号 ${abandoned}`);
    expect(asked).toContain(`决定 ${CASE_A} 会议 ${sitting}`);
    expect(asked).toContain('取消会议 会议编号 理由');
  });

  it('a meeting with a decision recorded cannot be cancelled: its minutes are archived instead', async () => {
    await say(`决定 ${CASE_B} 批准 600`);
    expect(await say('确认')).toContain(`已记录评审合议会（会议编号 ${sitting}）的决定：案件 ${CASE_B}`);
    const refused = await say(`取消会议 ${sitting} 改期`);
    expect(refused).toContain('已经对 1 件案件作出决定');
    expect(refused).toContain(`纪要 ${sitting}`);
    expect((await meetingRow(sitting)).status).toBe('scheduled');
  }, 60_000);

  it('records the decision at the meeting named, with the next step offered', async () => {
    const summary = await say(`决定 ${CASE_A} 会议 ${third} 批准 800`);
    expect(summary).toContain(`请核对评审合议会（会议编号 ${third}）的决定`);
    const from = svc.fake.sentTo(ORGANISER).length;
    const done = await say('确认');
    expect(done).toContain(`已记录评审合议会（会议编号 ${third}）的决定`);
    expect(done).toContain(`评审合议会（会议编号 ${third}）纪要已存入 1 件案件的档案`);
    const buttons = svc.fake
      .sentTo(ORGANISER)
      .slice(from)
      .flatMap((s) => cardOf(s)?.button_list ?? []);
    expect(buttons).toContainEqual(
      expect.objectContaining({ key: `step:file_with_bureau:${CASE_A}`, text: '报备归档' }),
    );
    const [decided] = await svc.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, CASE_A), eq(caseEvents.eventType, 'decide_approve')));
    expect(decided?.payload).toMatchObject({ meeting: { minutesRef: `meeting:${third}` } });
    expect((await caseRow(svc.database.db, CASE_A)).state).toBe('approved');
  }, 60_000);
});

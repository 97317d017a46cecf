import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { loadWorkingDayCalendar } from '../../src/core/config/load-holiday-overrides';
import { caseEvents, caseNotices, cases, meetingInvitations, meetings } from '../../src/core/db/schema';
import { projectRoot } from '../../src/core/project-root';
import { TemplateStore } from '../../src/core/templates/template-store';
import type { Actor } from '../../src/domain/case/case-types';
import { runMeetingReminders } from '../../src/features/meetings/meeting-reminders';
import { IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';
import { until } from '../support/until';
import { cardOf, caseInPublicity, caseRow, endPublicity, seedStaff, wordsOf } from './meeting-support';

const HOUR = 3_600_000;
let svc: TestService;
let chat: ChatDriver;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
const templates = new TemplateStore();

const ORGANISER = 'cw-a1';
const COLLEAGUE = 'cw-a2';
const MEMBERS = ['m-a1', 'm-a2', 'm-a3', 'm-a4'];
const OTHER_TOWNSHIP = 'cw-b1';
const INVITEES = [...MEMBERS, ORGANISER, COLLEAGUE];
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
  const now = clock.now();
  await seedStaff(
    db,
    [
      { userId: ORGANISER, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
      { userId: COLLEAGUE, name: '李经办', role: 'township_caseworker', townshipId: 'pingan' },
      {
        userId: 'm-a1',
        name: '张分管',
        role: 'coordination_member',
        townshipId: 'pingan',
        position: '民政分管领导',
      },
      {
        userId: 'm-a2',
        name: '刘纪委',
        role: 'coordination_member',
        townshipId: 'pingan',
        position: '纪委书记',
      },
      {
        userId: 'm-a3',
        name: '陈民政',
        role: 'coordination_member',
        townshipId: 'pingan',
        position: '民政工作负责人',
      },
      { userId: 'm-a4', name: '赵成员', role: 'coordination_member', townshipId: 'pingan' },
      { userId: 'm-a5', name: '孙离任', role: 'coordination_member', townshipId: 'pingan', active: false },
      { userId: 'vc-a1', name: '村委一', role: 'village_committee', townshipId: 'pingan' },
      { userId: OTHER_TOWNSHIP, name: '赵经办', role: 'township_caseworker', townshipId: 'shangying' },
    ],
    now,
  );
  const actors: [string, Actor][] = [];
  for (const [id, name, idNumber] of [
    ['MT-A1', '张伟', IDS.a],
    ['MT-A2', '王芳', IDS.b],
    ['MT-A3', '周敏', IDS.d],
    ['MT-HIV', '刘强', IDS.c],
  ] as const) {
    actors.push([
      id,
      await caseInPublicity(
        db,
        { id, township: 'pingan', name, idNumber, visitors: [ORGANISER, COLLEAGUE] },
        now,
      ),
    ]);
  }
  // Publicity from 1 December: its timer runs to the 8th, so it is over on the 9th.
  clock.advance(8 * 24 * HOUR);
  for (const [id, actor] of actors) await endPublicity(db, id, actor, clock.now());
  // Tagged after the fact (e.g. learnt at the review): such a case never reaches a township meeting.
  await db.update(cases).set({ hivTagged: true }).where(eq(cases.id, 'MT-HIV'));
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

const sentTo = (user: string) => svc.fake.sentTo(user);
const textsTo = (user: string) => sentTo(user).map(wordsOf);
const invitations = () =>
  svc.database.db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId));
const invitationOf = async (user: string) => (await invitations()).find((i) => i.userId === user)!;
const updatesOf = (taskId: string) => svc.fake.cardUpdates.filter((u) => u.taskId === taskId);

/** A member taps a button of a card as WeCom reports it: a signed template_card_event callback. */
async function click(user: string, taskId: string, answer: 'attend' | 'decline'): Promise<void> {
  clock.advance(5_000);
  const { delivery } = await svc.fake.callbacks.deliverCardClick({
    fromUser: user,
    taskId,
    eventKey: `meeting:${answer}`,
  });
  expect(delivery.status).toBe(200);
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
}

describe('评审合议会 (六(三))', () => {
  it('a caseworker of another township has nothing to schedule: A’s cases are not hers', async () => {
    const replies = (await chat.say(OTHER_TOWNSHIP, '会议')).join('\n');
    expect(replies).toContain('上营镇目前没有等待评审合议会的案件');
    expect(await svc.database.db.select().from(meetings)).toHaveLength(0);
  });

  it('only caseworkers schedule: a coordination member saying 会议 starts nothing', async () => {
    const replies = (await chat.say('m-a1', '会议')).join('\n');
    expect(replies).not.toContain('会议时间');
    expect(await svc.database.db.select().from(meetings)).toHaveLength(0);
  });

  it('asks time and place, refuses a time in the past, shows the agenda and invites on confirmation', async () => {
    const intro = (await chat.say(ORGANISER, '安排会议')).join('\n');
    expect(intro).toContain('有 3 件公示无异议的案件');
    expect(intro).toContain('请回复会议时间');
    expect((await chat.say(ORGANISER, '12月1日 9:00')).join('\n')).toContain('这个时间已经过去了');
    expect((await chat.say(ORGANISER, '下周开')).join('\n')).toContain('请写明会议的日期和时间');
    expect((await chat.say(ORGANISER, '12月11日 9:00')).join('\n')).toContain('请回复会议地点');
    const summary = (await chat.say(ORGANISER, '镇政府三楼会议室')).join('\n');
    expect(summary).toContain('2026年12月11日 09:00');
    expect(summary).toContain('MT-A1 张伟');
    expect(summary).toContain('MT-A2 王芳');
    expect(summary).toContain('MT-A3 周敏');
    expect(summary).not.toContain('MT-HIV');
    expect(summary).toContain('邀请人数：6人');
    const done = (await chat.say(ORGANISER, '确认')).join('\n');
    expect(done).toContain('评审合议会已安排');
    const [meeting] = await svc.database.db.select().from(meetings);
    meetingId = meeting!.id;
    expect(meeting).toMatchObject({
      townshipId: 'pingan',
      organiserId: ORGANISER,
      place: '镇政府三楼会议室',
      heldAt: new Date('2026-12-11T01:00:00Z'),
      status: 'scheduled',
      agenda: [
        { caseId: 'MT-A1', name: '张伟' },
        { caseId: 'MT-A2', name: '王芳' },
        { caseId: 'MT-A3', name: '周敏' },
      ],
    });
  }, 60_000);

  it('sends every active member and caseworker of the township one card with its own task_id', async () => {
    const rows = await invitations();
    expect(rows.map((r) => r.userId).sort()).toEqual([...INVITEES].sort());
    expect(new Set(rows.map((r) => r.taskId)).size).toBe(rows.length);
    const meetingCards = (user: string) =>
      sentTo(user)
        .map(cardOf)
        .filter((c) => c?.button_list?.some((b) => b.key?.startsWith('meeting:')));
    for (const row of rows) {
      const cards = meetingCards(row.userId);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({
        task_id: row.taskId,
        button_list: [
          { key: 'meeting:attend', text: '参加' },
          { key: 'meeting:decline', text: '请假' },
        ],
      });
      const words = textsTo(row.userId).join('\n');
      expect(words).toContain('【评审合议会通知】平安镇定于 2026年12月11日 09:00 在 镇政府三楼会议室');
      expect(words).toContain('1. MT-A1 张伟');
      expect(words).toContain('2. MT-A2 王芳');
      expect(words).toContain('3. MT-A3 周敏');
      // Case number and name only: no ID number, phone, income; never the HIV-tagged case.
      for (const secret of [IDS.a, IDS.b, IDS.c, IDS.d, '13904321234', '1500', 'MT-HIV', '刘强']) {
        expect(words).not.toContain(secret);
      }
    }
    for (const outsider of ['m-a5', 'vc-a1', OTHER_TOWNSHIP]) expect(meetingCards(outsider)).toHaveLength(0);
  });

  it('refuses a decision before the meeting has begun', async () => {
    const replies = (await chat.say(ORGANISER, '决定 MT-A1 批准 800')).join('\n');
    expect(replies).toContain('评审合议会还没有召开');
  });

  it('a case tagged HIV after the invitations leaves the meeting: no decision, no minutes', async () => {
    await svc.database.db.update(cases).set({ hivTagged: true }).where(eq(cases.id, 'MT-A3'));
    const replies = (await chat.say(ORGANISER, '决定 MT-A3 批准 800')).join('\n');
    expect(replies).toContain('该案件不在本乡镇（街道）已安排的评审合议会议程上');
  });

  it('reminds each invitee who has not declined once, the day before (the cron job)', async () => {
    const deps = {
      db: svc.database.db,
      calendar: loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays')),
      templates,
      log: svc.logs.log,
      townships: [{ id: 'pingan', name: '平安镇', kind: 'town' as const }],
    };
    expect(await runMeetingReminders(clock.now(), deps)).toMatchObject({ queued: 0 });
    clock.advance(25 * HOUR); // Thursday 10 December, ~10:00: the meeting is tomorrow
    expect(await runMeetingReminders(clock.now(), deps)).toMatchObject({ queued: 6 });
    expect(await runMeetingReminders(clock.now(), deps)).toMatchObject({ queued: 0 });
    svc.dispatcher.notify();
    await until(async () => INVITEES.every((u) => textsTo(u).some((t) => t.includes('【会议提醒】'))));
    for (const user of INVITEES)
      expect(textsTo(user).filter((t) => t.includes('【会议提醒】'))).toHaveLength(1);
    expect((await invitations()).every((i) => i.remindedAt !== null)).toBe(true);
  });

  it('five 参加 clicks, each a signed callback, reach the quorum; each card is updated once', async () => {
    const attendees = [...MEMBERS, COLLEAGUE];
    for (const [n, user] of attendees.entries()) {
      const { taskId } = await invitationOf(user);
      await click(user, taskId, 'attend');
      expect(textsTo(user).at(-1)).toContain('已记录：您确认参加');
      if (n === 0) {
        await click(user, taskId, 'attend'); // a second tap: idempotent
        expect(textsTo(user).at(-1)).toContain('答复没有变化');
      }
      await until(async () => updatesOf(taskId).length === 1);
      // The organiser counts as attending from the start: each click adds to his one.
      const latest = textsTo(ORGANISER).at(-1) ?? '';
      expect(latest).toContain(`已确认 ${n + 2}/5 人参加`);
      expect(latest.includes('已达到评审合议会的法定人数')).toBe(n + 2 === 5);
    }
    for (const user of attendees) {
      const invitation = await invitationOf(user);
      expect(invitation.answer).toBe('attend');
      expect(updatesOf(invitation.taskId)).toEqual([
        expect.objectContaining({ userids: [user], replaceName: '已确认参加' }),
      ]);
    }
  }, 60_000);

  it('a forged click on another member’s task changes nothing and is refused', async () => {
    const victim = await invitationOf('m-a1');
    const toOrganiser = textsTo(ORGANISER).length;
    await click(OTHER_TOWNSHIP, victim.taskId, 'decline');
    expect(textsTo(OTHER_TOWNSHIP).at(-1)).toContain('这张会议通知卡片不是发给您的');
    expect(await invitationOf('m-a1')).toEqual(victim);
    expect(updatesOf(victim.taskId)).toHaveLength(1);
    expect(textsTo(ORGANISER)).toHaveLength(toOrganiser);
  });

  it('a repeated click is idempotent: no second update, no new count', async () => {
    const before = await invitationOf('m-a2');
    const toOrganiser = textsTo(ORGANISER).length;
    await click('m-a2', before.taskId, 'attend');
    expect(await invitationOf('m-a2')).toEqual(before);
    expect(updatesOf(before.taskId)).toHaveLength(1);
    expect(textsTo(ORGANISER)).toHaveLength(toOrganiser);
  });

  it('请假 greys the card with 已请假 and the organiser sees it', async () => {
    const { taskId } = await invitationOf(ORGANISER);
    await click(ORGANISER, taskId, 'decline');
    await until(async () => updatesOf(taskId).length === 1);
    expect(updatesOf(taskId)[0]).toMatchObject({ userids: [ORGANISER], replaceName: '已请假' });
    const latest = textsTo(ORGANISER).at(-1) ?? '';
    expect(latest).toContain('已确认 5/5 人参加，请假 1 人');
    expect(latest).not.toContain('已达到');
  });

  it('before the meeting a member may change an answer; the organiser sees the count move', async () => {
    const m4 = await invitationOf('m-a4');
    await click('m-a4', m4.taskId, 'decline');
    expect(textsTo(ORGANISER).at(-1)).toContain('已确认 4/5 人参加');
    await click('m-a4', m4.taskId, 'attend');
    expect(textsTo(ORGANISER).at(-1)).toContain('已确认 5/5 人参加');
    // The quorum was announced once; reaching it again is not announced again.
    expect(textsTo(ORGANISER).filter((t) => t.includes('已达到评审合议会的法定人数'))).toHaveLength(1);
  });

  it('a caseworker of another township cannot decide on this township’s case', async () => {
    clock.advance(24 * HOUR); // Friday 11 December, ~10:00: the meeting has begun
    const replies = (await chat.say(OTHER_TOWNSHIP, '决定 MT-A1 批准 800')).join('\n');
    expect(replies).toContain('不属于您所在的乡镇');
    expect((await caseRow(svc.database.db, 'MT-A1')).state).toBe('awaiting_meeting');
  });

  it('once the meeting has begun a click changes nothing: the decision rests on the 5 who confirmed', async () => {
    const summary = (await chat.say(ORGANISER, '决定 MT-A1 批准 800')).join('\n');
    expect(summary).toContain('每月保障金额：800元');
    expect(summary).toContain('确认家庭人口：2人');
    expect(summary).toContain('发放起始月份：2027-01');
    const m3 = await invitationOf('m-a3');
    const toOrganiser = textsTo(ORGANISER).length;
    await click('m-a3', m3.taskId, 'decline');
    expect(textsTo('m-a3').at(-1)).toContain('本次答复没有记录');
    expect(await invitationOf('m-a3')).toEqual(m3);
    expect(textsTo(ORGANISER)).toHaveLength(toOrganiser);
    const decided = await svc.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, 'MT-A1'), eq(caseEvents.eventType, 'decide_approve')));
    expect(decided).toHaveLength(0);
  }, 60_000);

  it('records an approval with the meeting’s participants and minutes reference', async () => {
    expect((await chat.say(ORGANISER, '决定 MT-A1 批准 800')).join('\n')).toContain('请核对');
    const done = (await chat.say(ORGANISER, '确认')).join('\n');
    expect(done).toContain('案件 MT-A1（张伟）批准，确认参会 5 人');
    // The decision's paper goes to the organiser to print (issue 19).
    expect(done).toContain('可打印的文书已发到本对话：《审批结果通知书》');
    const row = await caseRow(svc.database.db, 'MT-A1');
    expect(row).toMatchObject({ state: 'approved', amountFenPerMonth: 80_000, startMonth: '2027-01' });
    const [event] = await svc.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, 'MT-A1'), eq(caseEvents.eventType, 'decide_approve')));
    expect(event?.actorId).toBe(ORGANISER);
    expect(event?.payload).toMatchObject({
      householdSize: 2,
      meeting: {
        heldOn: '2026-12-11',
        minutesRef: `meeting:${meetingId}`,
        participants: expect.arrayContaining(
          [...MEMBERS, COLLEAGUE].map((personId) => ({ personId, confirmed: true })),
        ),
      },
    });
    expect((event!.payload as { meeting: { participants: unknown[] } }).meeting.participants).toHaveLength(5);
  }, 60_000);

  it('a rejection needs reasons; after the last decision the minutes are archived with each case', async () => {
    const ask = (await chat.say(ORGANISER, '决定 MT-A2 不批准')).join('\n');
    expect(ask).toContain('请写明理由');
    const summary = (await chat.say(ORGANISER, '家庭人均收入高于当地低保标准；有一辆营运车辆')).join('\n');
    expect(summary).toContain('决定：不予批准');
    const done = (await chat.say(ORGANISER, '确认')).join('\n');
    expect(done).toContain('案件 MT-A2（王芳）不予批准');
    expect(done).toContain('《不予批准告知书》');
    expect(done).toContain('纪要已存入 2 件案件的档案');
    expect((await caseRow(svc.database.db, 'MT-A2')).state).toBe('rejected');

    const archived = await svc.database.db.select().from(caseNotices).where(eq(caseNotices.kind, 'minutes'));
    expect(archived.map((n) => n.caseId).sort()).toEqual(['MT-A1', 'MT-A2']);
    const minutes = archived[0]!.text;
    expect(archived[1]!.text).toBe(minutes);
    expect(minutes).toContain('平安镇社会救助评审合议会纪要');
    expect(minutes).toContain('时间：2026年12月11日 09:00');
    expect(minutes).toContain('地点：镇政府三楼会议室');
    expect(minutes).toContain(
      '参会人员（5人）：张分管（民政分管领导）、刘纪委（纪委书记）、陈民政（民政工作负责人）、赵成员、李经办',
    );
    expect(minutes).toContain('请假：王经办');
    expect(minutes).toContain(
      '1. MT-A1 张伟（低保）：批准，确认家庭人口2人，每月保障金额800元，自2027-01起发放。',
    );
    expect(minutes).toContain(
      '2. MT-A2 王芳（低保）：不予批准，理由：家庭人均收入高于当地低保标准；有一辆营运车辆。',
    );
    for (const secret of [IDS.a, IDS.b, '13904321234', 'MT-HIV', 'MT-A3', '周敏'])
      expect(minutes).not.toContain(secret);
    const [meeting] = await svc.database.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(meeting?.status).toBe('held');
  }, 60_000);

  it('纪要 again answers the archived minutes without archiving twice; the closed meeting takes no answers', async () => {
    const again = (await chat.say(ORGANISER, `纪要 ${meetingId}`)).join('\n');
    expect(again).toContain('纪要此前已经存档');
    expect(again).toContain('平安镇社会救助评审合议会纪要');
    expect(
      await svc.database.db.select().from(caseNotices).where(eq(caseNotices.kind, 'minutes')),
    ).toHaveLength(2);
    const late = await invitationOf('m-a1');
    await click('m-a1', late.taskId, 'decline');
    expect(textsTo('m-a1').at(-1)).toContain('已经结束并存档');
    expect((await invitationOf('m-a1')).answer).toBe('attend');
  });
});

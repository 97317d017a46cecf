import { count, eq } from 'drizzle-orm';
import { caseEvents, cases, meetingInvitations, meetings } from '../../src/core/db/schema';
import { eventXml, sealCallback } from '../../src/sandbox/callback-driver';
import { caseInPublicity, endPublicity, seedStaff } from '../meetings/meeting-support';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

const DAY = 24 * 3_600_000;
let svc: TestService;
let chat: ChatDriver;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));

/** Two more valid GB 11643 numbers (fictional), so resident two shares no ID with anyone. */
const TWO_IDS: [string, string] = ['220283197503150022', '22028319780620004X'];
const ONE = 'res-one';
const TWO = 'res-two';
const ORGANISER = 'cw-a1';
const OTHER_TOWNSHIP = 'cw-b1';
const MEMBERS = ['m-a1', 'm-a2', 'm-a3', 'm-a4'];
let caseOne: string;
let caseTwo: string;

/** Applies in chat with the given names, so the two residents' cases are told apart by content. */
async function apply(user: string, names: { applicant: string; spouse: string }, ids: [string, string]) {
  const answers = dibaoAnswers(ids[0], ids[1]).map(([a]) =>
    a === '张伟' ? names.applicant : a.startsWith('李娜 ') ? a.replace('李娜', names.spouse) : a,
  );
  for (const answer of answers) await chat.say(user, answer);
  const done = (await chat.say(user, '确认')).join('\n');
  const id = /SQ\d{14}/.exec(done)?.[0];
  if (!id) throw new Error(`application not submitted: ${done}`);
  return id;
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
      { userId: ORGANISER, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
      { userId: 'cw-a2', name: '李经办', role: 'township_caseworker', townshipId: 'pingan' },
      ...MEMBERS.map((userId, i) => ({
        userId,
        name: `成员${i + 1}`,
        role: 'coordination_member' as const,
        townshipId: 'pingan',
      })),
      { userId: OTHER_TOWNSHIP, name: '赵经办', role: 'township_caseworker', townshipId: 'shangying' },
    ],
    clock.now(),
  );
  // One case that reaches the review meeting, for the card tests.
  const actor = await caseInPublicity(
    db,
    { id: 'XU-M1', township: 'pingan', name: '周敏', idNumber: IDS.d, visitors: [ORGANISER, 'cw-a2'] },
    clock.now(),
  );
  clock.advance(8 * DAY);
  await endPublicity(db, 'XU-M1', actor, clock.now());
  caseOne = await apply(ONE, { applicant: '张伟', spouse: '李娜' }, [IDS.a, IDS.b]);
  caseTwo = await apply(TWO, { applicant: '王芳', spouse: '赵敏' }, TWO_IDS);
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

const db = () => svc.database.db;
const stateOf = async (id: string) => (await db().select().from(cases).where(eq(cases.id, id)))[0]!.state;
const eventCount = async () => (await db().select({ n: count() }).from(caseEvents))[0]!.n;

/** Sends a signed event callback from `user`, as a forger with a valid WeCom account could. */
async function forge(user: string, event: string, extra: Record<string, string>): Promise<string[]> {
  const before = chat.received(user).length;
  clock.advance(6_000);
  const xml = eventXml(C, {
    fromUser: user,
    event,
    createTime: Math.floor(clock.now().getTime() / 1000),
    extra,
  });
  const response = await svc.post(
    sealCallback(C, xml, { timestamp: Math.floor(clock.now().getTime() / 1000) }),
  );
  expect(response.status).toBe(200);
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
  return chat.received(user).slice(before);
}

describe('a resident sees only their own cases', () => {
  it('进度 lists each resident’s own case and nothing of the other’s', async () => {
    const one = (await chat.say(ONE, '进度')).join('\n');
    const two = (await chat.say(TWO, '进度')).join('\n');
    expect(one).toContain(caseOne);
    expect(two).toContain(caseTwo);
    for (const leak of [caseTwo, '王芳', '赵敏', ...TWO_IDS, '0022', '004X']) expect(one).not.toContain(leak);
    for (const leak of [caseOne, '张伟', '李娜', IDS.a, IDS.b, '0016', '0029'])
      expect(two).not.toContain(leak);
  });

  it('asking by the other resident’s case number reveals nothing of it', async () => {
    for (const ask of [
      `进度 ${caseTwo}`,
      `案件 ${caseTwo}`,
      `查询${caseTwo}`,
      caseTwo,
      `我的申请 ${caseTwo} 到哪一步了`,
    ]) {
      const reply = (await chat.say(ONE, ask)).join('\n');
      for (const leak of ['王芳', '赵敏', ...TWO_IDS, '0022', '004X'])
        expect({ ask, leak, present: reply.includes(leak) }).toEqual({ ask, leak, present: false });
    }
  });

  it('a third resident who knows another’s ID number cannot see that case in 进度', async () => {
    const THREE = 'res-three';
    for (const [answer] of dibaoAnswers(IDS.a, IDS.c)) await chat.say(THREE, answer);
    await chat.say(THREE, '确认');
    const status = (await chat.say(THREE, '进度')).join('\n');
    expect(status).not.toContain(caseOne);
    expect(status).not.toContain(IDS.a);
    expect(await stateOf(caseOne)).toBe('submitted');
  });

  // Found by this suite: the duplicate-application answer used to tell any user the case number
  // of whoever holds the ID number typed. It now names the number only to the same applicant.
  it('typing another person’s ID number in an application does not reveal their case number', async () => {
    const FOUR = 'res-four';
    for (const [answer] of dibaoAnswers(IDS.a, IDS.c)) await chat.say(FOUR, answer);
    const reply = (await chat.say(FOUR, '确认')).join('\n');
    expect(reply).not.toContain(caseOne);
  });

  it('every message the residents received went to them alone', () => {
    for (const send of svc.fake.sent.filter((s) => s.recipients.some((r) => r === ONE || r === TWO)))
      expect(send.recipients).toHaveLength(1);
  });
});

describe('forged buttons change nothing', () => {
  it('a resident’s EventKey forged as a staff step button (step:accept:<caseId>) does nothing', async () => {
    const before = [await stateOf(caseOne), await stateOf(caseTwo), await eventCount()];
    for (const [user, target] of [
      [ONE, caseOne],
      [ONE, caseTwo],
      [TWO, caseOne],
    ] as const) {
      for (const event of ['template_card_event', 'click']) {
        const replies = await forge(user, event, {
          EventKey: `step:accept:${target}`,
          TaskId: `forged-${target}`,
          CardType: 'button_interaction',
          ResponseCode: `forged-${user}-${event}`,
        });
        const text = replies.join('\n');
        expect(text).not.toMatch(/已受理|已办理/);
        if (user === TWO) for (const leak of ['张伟', '李娜', IDS.a]) expect(text).not.toContain(leak);
        if (target === caseTwo)
          for (const leak of ['王芳', '赵敏', TWO_IDS[0]]) expect(text).not.toContain(leak);
      }
    }
    // And as plain text, the staff command.
    expect((await chat.say(ONE, `受理 ${caseOne}`)).join('\n')).not.toMatch(/已受理|已办理/);
    expect([await stateOf(caseOne), await stateOf(caseTwo), await eventCount()]).toEqual(before);
  });

  it('a caseworker of another township forging step:accept changes nothing', async () => {
    const before = [await stateOf(caseOne), await eventCount()];
    const replies = await forge(OTHER_TOWNSHIP, 'template_card_event', {
      EventKey: `step:accept:${caseOne}`,
      TaskId: 'forged-task',
      CardType: 'button_interaction',
      ResponseCode: 'forged-code-b1',
    });
    expect(replies.join('\n')).not.toMatch(/已受理|已办理/);
    expect(replies.join('\n')).not.toContain(IDS.a);
    expect([await stateOf(caseOne), await eventCount()]).toEqual(before);
  });

  it('a forged template_card_event on another member’s meeting task changes nothing', async () => {
    // The organiser schedules the meeting in chat; every member gets a card with its own task id.
    expect((await chat.say(ORGANISER, '安排会议')).join('\n')).toContain('请回复会议时间');
    expect((await chat.say(ORGANISER, '12月11日 9:00')).join('\n')).toContain('请回复会议地点');
    await chat.say(ORGANISER, '镇政府三楼会议室');
    expect((await chat.say(ORGANISER, '确认')).join('\n')).toContain('评审合议会已安排');
    const [meeting] = await db().select().from(meetings);
    const invitations = () =>
      db().select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, meeting!.id));
    const before = await invitations();
    const victim = before.find((i) => i.userId === 'm-a1')!;
    const toOrganiser = chat.received(ORGANISER).length;
    const updates = svc.fake.cardUpdates.length;

    for (const forger of [OTHER_TOWNSHIP, ONE, 'm-a2']) {
      for (const key of ['meeting:attend', 'meeting:decline']) {
        clock.advance(5_000);
        const { delivery } = await svc.fake.callbacks.deliverCardClick({
          fromUser: forger,
          taskId: victim.taskId,
          eventKey: key,
        });
        expect(delivery.status).toBe(200);
        await svc.worker.whenIdle();
        await svc.dispatcher.whenIdle();
      }
    }
    // A task id that exists nowhere, from a member.
    await forge('m-a3', 'template_card_event', {
      EventKey: 'meeting:attend',
      TaskId: 'no-such-task',
      CardType: 'button_interaction',
      ResponseCode: 'rc-none',
    });
    expect(await invitations()).toEqual(before);
    expect(svc.fake.cardUpdates.length).toBe(updates);
    expect(chat.received(ORGANISER)).toHaveLength(toOrganiser);
    // The resident learnt nothing of the meeting from the forged click.
    const resident = chat.received(ONE).join('\n');
    for (const leak of ['周敏', 'XU-M1', '镇政府三楼会议室', '评审合议会'])
      expect(resident).not.toContain(leak);
  }, 30_000);

  it('control: the same button from the township’s own caseworker does start the step', async () => {
    const replies = (
      await forge(ORGANISER, 'template_card_event', {
        EventKey: `step:accept:${caseOne}`,
        TaskId: 'cw-own-task',
        CardType: 'button_interaction',
        ResponseCode: 'rc-own',
      })
    ).join('\n');
    expect(replies).toContain(caseOne);
    expect(replies).toMatch(/受理/);
  });
});

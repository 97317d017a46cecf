import { eq } from 'drizzle-orm';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { caseEvents, cases, staffMembers } from '../../src/core/db/schema';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, TEST_PII_KEY, type TestService } from '../support/test-service';

const APPLICANT_IDS = { app: IDS.a, kf: IDS.d } as const;
const SPOUSE_ID = IDS.b;

let svc: TestService;
const clock = testClock(new Date('2026-11-16T01:00:00Z'));
beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  await svc.database.db.insert(staffMembers).values([
    {
      userId: 'cw-pingan-1',
      name: '王经办',
      role: 'township_caseworker',
      townshipId: 'pingan',
      createdAt: now,
      updatedAt: now,
    },
    {
      userId: 'cw-pingan-2',
      name: '李经办',
      role: 'township_caseworker',
      townshipId: 'pingan',
      createdAt: now,
      updatedAt: now,
    },
    {
      userId: 'cw-fate-1',
      name: '赵经办',
      role: 'township_caseworker',
      townshipId: 'fate',
      createdAt: now,
      updatedAt: now,
    },
  ]);
});
afterAll(async () => {
  await svc.stop();
});

describe.each(['app', 'kf'] as const)('application in chat (%s channel)', (channel) => {
  let chat: ChatDriver;
  const APPLICANT_ID = APPLICANT_IDS[channel];
  const HAPPY_PATH = dibaoAnswers(APPLICANT_ID, SPOUSE_ID);
  beforeAll(() => {
    chat = new ChatDriver(svc, channel, clock);
  });

  it('fills every step, confirms, and creates the case in the township queue with caseworkers notified', async () => {
    const user = `${channel}-applicant-1`;
    let summary = '';
    for (const [answer, expected] of HAPPY_PATH) {
      const replies = await chat.say(user, answer);
      summary = replies.join('\n');
      expect(summary).toMatch(expected);
    }
    expect(summary).toContain(`220283********${APPLICANT_ID.slice(14)}`);
    expect(summary).not.toContain(APPLICANT_ID);
    expect(summary).toContain('139****1234');
    const before = svc.fake.sentTo('cw-pingan-1').length;
    const done = await chat.say(user, '确认');
    expect(done.join('\n')).toMatch(/已提交到平安镇，申请编号：SQ\d{8}\d{6}/);
    expect(done.join('\n')).toContain('家庭经济状况核对授权书');
    // serious illness was ticked: its material is on the personalised checklist
    expect(done.join('\n')).toContain('重特大疾病诊断证明');
    const caseId = /SQ\d{14}/.exec(done.join('\n'))![0];
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({
      program: 'dibao',
      townshipId: 'pingan',
      state: 'submitted',
      submittedBy: 'self',
      householdSize: 2,
      applicantUserId: user,
      applicantChannel: channel,
    });
    // Identifiers sealed, never stored in clear.
    expect(row!.applicantIdSealed).not.toContain(APPLICANT_ID);
    expect(new PiiCipher(TEST_PII_KEY).open(row!.applicantIdSealed)).toBe(APPLICANT_ID);
    const events = await svc.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(events).toMatchObject([{ eventType: 'submit', actorRole: 'resident', actorId: user }]);
    // Both caseworkers of 平安镇 told, the one of 法特镇 not.
    await svc.dispatcher.whenIdle();
    expect(svc.fake.sentTo('cw-pingan-1').length).toBe(before + 1);
    expect(JSON.stringify(svc.fake.sentTo('cw-pingan-2').at(-1)!.body)).toContain(caseId);
    expect(svc.fake.sentTo('cw-fate-1')).toHaveLength(0);
    // The draft no longer holds the conversation.
    const again = await chat.say(user, '进度');
    expect(again.join('\n')).toContain(caseId);
    expect(again.join('\n')).toContain('等待乡镇（街道）审核材料');
  });

  it('answers a policy question with its source, and lets the resident pick a related one by number', async () => {
    const user = `${channel}-asker-1`;
    const answer = (await chat.say(user, '办低保要带啥材料')).join('\n');
    expect(answer).toContain('依据：');
    expect((await chat.say(user, '1')).join('\n')).toContain('依据：');
  });

  it('starts the application however the program is named (特困供养, 五保, 最低生活保障, 特捆)', async () => {
    for (const [i, words] of [
      '我要申请特困供养',
      '俺想办五保',
      '申请最低生活保障',
      '帮俺申请特捆',
      '俺要办个底保',
    ].entries()) {
      const reply = (await chat.say(`${channel}-starter-${i}`, words)).join('\n');
      expect(reply).not.toContain('我不太确定');
      expect(reply).toMatch(/姓名|申请人/);
    }
  });

  it('refuses a second application for the same person and program while one is in progress', async () => {
    // Another account, the same ID number: found by its keyed hash.
    const user = `${channel}-applicant-2`;
    for (const [answer] of HAPPY_PATH) await chat.say(user, answer);
    const replies = await chat.say(user, '确认');
    expect(replies.join('\n')).toContain('已有一份同类申请正在办理');
    // Another account typing the ID number is not told the case number.
    expect(replies.join('\n')).not.toMatch(/SQ\d{14}/);
  });
});

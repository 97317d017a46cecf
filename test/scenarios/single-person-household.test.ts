import { eq } from 'drizzle-orm';
import { cases } from '../../src/core/db/schema';
import { IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

// D1 (issue 15): answering 0 to "除您本人以外…有几位" crashed the submission for every program.
let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [{ userId: 'cw-single-1', role: 'township_caseworker', townshipId: 'pingan' }]);
});
afterAll(async () => {
  await svc.stop();
});

/** The answers of a single elderly applicant, up to the summary, for the program picked by `choice`. */
function singleAnswers(choice: string, idNumber: string, extra: [string, RegExp][] = []): [string, RegExp][] {
  return [
    ['我要申请', /申请哪一项/],
    [choice, extra.length > 0 ? /./ : /姓名/],
    ...extra,
    ['孙桂兰', /身份证/],
    [idNumber, /手机号/],
    ['13904329876', /哪个乡镇/],
    ['平安镇', /哪个村/],
    ['红旗村', /是否住在户口所在/],
    ['是', /几位/],
    ['0', /每月大概有多少收入/],
    ['养老金300', /存款/],
    ['2000', /机动车/],
    ['否', /几套住房/],
    ...(choice === '3'
      ? ([
          ['1', /发生了什么/],
          ['12月1日夜里房子着火了', /需要救助多少/],
          ['3000', /这些情况/],
        ] as [string, RegExp][])
      : ([
          ['1', /为什么申请/],
          ['一个人过，身体不好干不了活', /这些情况/],
        ] as [string, RegExp][])),
    ['1', /授权/],
    ['同意', /近亲属/],
    ['否', /请核对您的申请/],
  ];
}

describe.each([
  ['低保', '1', IDS.a, [] as [string, RegExp][]],
  ['特困', '2', IDS.b, [] as [string, RegExp][]],
  ['临时救助', '3', IDS.d, [['1', /姓名/]] as [string, RegExp][]],
])('a single-person household applies for %s', (_label, choice, idNumber, extra) => {
  it('submits, lands in the township queue as a household of one, and the caseworker is told', async () => {
    const chat = new ChatDriver(svc, 'app', clock);
    const user = `single-${choice}`;
    let last = '';
    for (const [answer, expected] of singleAnswers(choice, idNumber, extra)) {
      last = (await chat.say(user, answer)).join('\n');
      expect(last).toMatch(expected);
    }
    expect(last).toContain('孙桂兰');
    const before = svc.fake.sentTo('cw-single-1').length;
    const done = (await chat.say(user, '确认')).join('\n');
    expect(done).toMatch(/申请编号：SQ\d{14}/);
    const caseId = /SQ\d{14}/.exec(done)![0];
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ state: 'submitted', householdSize: 1, townshipId: 'pingan' });
    expect(svc.fake.sentTo('cw-single-1').length).toBe(before + 1);
  });
});

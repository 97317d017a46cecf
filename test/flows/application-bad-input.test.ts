import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const clock = testClock(new Date('2026-11-16T01:00:00Z'));
beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
});
afterAll(async () => {
  await svc.stop();
});

/** The hostile answers: each must be refused at every step with a correction. */
const BAD_INPUTS: [string, string][] = [
  ['wrong ID checksum', '220283198001010017'],
  ['letters', 'abc一千二'],
  ['11 digits, not a phone', '12345678901'],
  ['empty', '   '],
  ['5,000 characters', '申'.repeat(5_000)],
  ['emoji only', '😀😀🙏'],
];

/** What the correction says for the input that matters most at that step. */
const SPECIFIC: Record<string, [string, RegExp]> = {
  张伟: ['你好', /不是姓名/],
  '220283198001010016': ['220283198001010017', /校验不通过/],
  '13904321234': ['12345678901', /不是有效的电话号码/],
  '工资1200，养老金300': ['abc一千二', /阿拉伯数字/],
};

describe.each(['app', 'kf'] as const)('bad answers at every step (%s channel)', (channel) => {
  it('get a clear correction, the same question again, and lose none of the earlier answers', async () => {
    const chat = new ChatDriver(svc, channel, clock);
    const user = `${channel}-stubborn-1`;
    const path = dibaoAnswers(IDS.a, IDS.b);
    // Start, then at every question try every bad input before the right answer.
    expect((await chat.say(user, path[0]![0])).join('\n')).toMatch(path[0]![1]);
    for (let i = 1; i < path.length; i++) {
      const question = path[i - 1]![1];
      const [answer, next] = path[i]!;
      for (const [what, bad] of BAD_INPUTS) {
        const reply = (await chat.say(user, bad)).join('\n');
        expect({ step: i, what, reply }).toEqual({ step: i, what, reply: expect.stringMatching(question) });
        expect(reply).toContain('已填写的内容不会丢失');
        expect(reply).not.toContain('请核对您的申请');
      }
      const specific = SPECIFIC[answer];
      if (specific) expect((await chat.say(user, specific[0])).join('\n')).toMatch(specific[1]);
      expect((await chat.say(user, answer)).join('\n')).toMatch(next);
    }
    // Every earlier answer survived the abuse: the summary has them all.
    const summary = chat.received(user).slice(-2).join('\n');
    for (const part of [
      '低保',
      '张伟',
      '220283********0016',
      '139****1234',
      '平安镇 红旗村',
      '李娜（妻子',
      '共1500元',
      '存款：5000元',
      '机动车：无',
      '住房：1套',
      '重特大疾病',
    ]) {
      expect(summary).toContain(part);
    }
  }, 120_000);
});

describe('steering words at any step', () => {
  it('返回 goes back one question, 修改 X reopens one answer, 取消 ends and keeps nothing', async () => {
    const chat = new ChatDriver(svc, 'app', clock);
    const user = 'app-steering-1';
    const path = dibaoAnswers(IDS.c, IDS.b);
    for (const [answer] of path.slice(0, 5)) await chat.say(user, answer);
    // At the township question: back to the phone, a new phone, then on again.
    expect((await chat.say(user, '返回')).join('\n')).toMatch(/手机号/);
    expect((await chat.say(user, '13800000000')).join('\n')).toMatch(/哪个乡镇/);
    for (const [answer] of path.slice(5)) await chat.say(user, answer);
    expect(chat.received(user).slice(-2).join('\n')).toContain('138****0000');
    // From the summary: 修改 姓名 asks the name only, then the summary again.
    expect((await chat.say(user, '修改 姓名')).join('\n')).toMatch(/姓名/);
    const summary = (await chat.say(user, '张大伟')).join('\n');
    expect(summary).toContain('申请人：张大伟');
    expect(summary).toContain('138****0000');
    // 修改 with an unknown item lists the items.
    expect((await chat.say(user, '修改 车牌')).join('\n')).toContain('没有找到“车牌”');
    expect((await chat.say(user, '取消')).join('\n')).toContain('已取消');
    // Nothing left: a bare number is no longer an answer, 进度 finds nothing.
    expect((await chat.say(user, '进度')).join('\n')).toContain('没有查到');
  });

  it('an application interrupted for days resumes at the question it stopped at', async () => {
    const chat = new ChatDriver(svc, 'kf', clock);
    const user = 'kf-resume-1';
    const path = dibaoAnswers(IDS.c, IDS.b);
    for (const [answer] of path.slice(0, 6)) await chat.say(user, answer);
    clock.advance(3 * 24 * 60 * 60 * 1000);
    const back = (await chat.say(user, '在吗')).join('\n');
    expect(back).toContain('欢迎回来');
    expect(back).toContain('户籍村社区');
    expect(back).toMatch(/哪个村/);
    expect((await chat.say(user, '红旗村')).join('\n')).toMatch(/是否住在户口所在/);
  });

  it('the menu in the middle of a flow shows the services and keeps the flow', async () => {
    const chat = new ChatDriver(svc, 'app', clock);
    const user = 'app-menu-mid-1';
    const path = dibaoAnswers(IDS.c, IDS.b);
    for (const [answer] of path.slice(0, 3)) await chat.say(user, answer);
    expect((await chat.say(user, '菜单')).join('\n')).toContain('您正在填写的内容已保留');
    expect((await chat.say(user, '继续')).join('\n')).toMatch(/身份证/);
  });
});

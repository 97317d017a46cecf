import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc.stop();
});

let n = 0;
async function ask(user: string, content: string): Promise<string[]> {
  await svc.post(sealCallback(C, textMessageXml(C, { fromUser: user, content, msgId: `kb-${n++}` })));
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
  return svc.fake.sentTo(user).map((s) => JSON.stringify(s.body));
}

describe('policy consultation in chat', () => {
  it('answers a question with its source and offers related questions as buttons', async () => {
    const sent = await ask('asker-1', '办低保要带啥材料');
    expect(sent[0]).toContain('依据：');
    expect(sent.some((s) => s.includes('button_interaction') && s.includes('kb:'))).toBe(true);
  });

  it('says honestly when it does not know', async () => {
    const sent = await ask('asker-2', '公积金怎么提取');
    expect(sent.join('')).toContain('还不能准确回答');
  });

  it('answers a question asked in other words with the passage, its fact first, in under 300 characters', async () => {
    const sent = await ask('asker-5', '房子着火了 乡里最多能给多少钱');
    expect(sent[0]).toContain('1000元');
    expect(sent[0]).toContain('依据：');
    const text = JSON.parse(sent[0]!).text.content as string;
    expect([...text].length).toBeLessThanOrEqual(300);
  });

  it('tells apart “must I report changes” and “will they tell me before stopping”', async () => {
    expect((await ask('asker-6', '吃着低保家里多了收入 用不用主动去说'))[0]).toContain('要及时告诉乡镇');
    expect((await ask('asker-7', '要停我低保的话 会不会事先通知我'))[0]).toContain('书面');
  });

  it('answers a question one passage clearly answers instead of asking “did you mean”', async () => {
    const sent = await ask('asker-8', '镇上开会定低保 最少得有几个人');
    expect(sent[0]).toContain('不少于5人');
  });

  it('runs the command a question asks for: checking progress on the phone', async () => {
    const sent = await ask('asker-9', '我想知道用手机能不能查到我的申请办到哪一步了');
    expect(sent[0]).toContain('没有查到您在这里提交的申请');
  });

  it('greets a greeting instead of searching for it', async () => {
    const sent = await ask('asker-3', '你好！');
    expect(sent[0]).toContain('舒兰市社会救助助手');
  });

  it('shows the menu with the services and the common questions from anywhere', async () => {
    const sent = await ask('asker-4', '菜单');
    expect(sent[0]).toContain('我可以帮您');
    expect(sent.join('')).toContain('1. 在线申请');
    expect(sent.join('')).toContain('5. 申请地点和方式');
    // Answering with the number of a line picks it.
    const after = await ask('asker-4', '5');
    expect(after.slice(sent.length).join('')).toContain('依据：');
  });
});

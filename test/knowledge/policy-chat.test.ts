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
    expect(after.at(-1)).toContain('依据：');
  });
});

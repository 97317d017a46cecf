import { amendStandard } from '../../src/domain/parameters/standard-amendment';
import { shippedFile } from '../domain/parameters/parameter-fixtures';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

/** The shipped parameters plus the rural 低保 standard as `npm run admin -- standard set` adds it. */
function withRuralStandard() {
  const result = amendStandard(shippedFile(), {
    name: 'dibao.ruralStandardMonthly',
    valueFen: 51_000,
    effectiveFrom: '2027-01-01',
    document: '舒兰市民政局关于调整城乡低保标准的通知（测试）',
    clause: '一',
  });
  if (!result.ok) throw new Error(result.detail);
  return result.table;
}

const QUESTION = '农村低保一个月能给多少钱';

describe('the bureau’s standard in answers', () => {
  const clock = testClock(new Date('2026-12-20T02:00:00Z'));
  let svc: TestService;
  let chat: ChatDriver;
  beforeAll(async () => {
    svc = await startTestService({ now: clock.now, parameters: withRuralStandard() });
    chat = new ChatDriver(svc, 'app', clock);
  });
  afterAll(async () => {
    await svc.stop();
  });

  it('before the standard takes effect: how the amount is set, and where to ask for the figure', async () => {
    const reply = (await chat.say('asker-before', QUESTION)).join('\n');
    expect(reply).toContain('差额');
    expect(reply).toContain('现行标准的具体数额这里还没有收录');
    expect(reply).not.toContain('510元');
  });

  it('from its effective date: the figure, its date and its source, in the same answer', async () => {
    clock.advance(Date.parse('2027-01-04T02:00:00Z') - clock.now().getTime());
    const reply = (await chat.say('asker-after', QUESTION)).join('\n');
    expect(reply).toContain('差额');
    expect(reply).toContain(
      '舒兰市农村低保标准：每人每月510元（2027-01-01起执行，依据舒兰市民政局关于调整城乡低保标准的通知（测试））',
    );
    expect(reply).not.toContain('还没有收录');
    expect(reply).toContain('依据：《社会救助暂行办法》');
  });
});

describe('without a standard set by the bureau', () => {
  const clock = testClock(new Date('2026-12-20T02:00:00Z'));
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ now: clock.now });
  });
  afterAll(async () => {
    await svc.stop();
  });

  it('answers how the amount is worked out, and that the figure is not recorded here', async () => {
    const chat = new ChatDriver(svc, 'app', clock);
    const reply = (await chat.say('asker-unset', QUESTION)).join('\n');
    expect(reply).toContain('差额');
    expect(reply).toContain('现行标准的具体数额这里还没有收录，请向乡镇（街道）或市民政局询问');
    expect(reply).not.toMatch(/每人每月\d+元/);
  });
});

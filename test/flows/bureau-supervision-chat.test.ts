import { eq } from 'drizzle-orm';
import { bureauWarnings, caseEvents, spotChecks } from '../../src/core/db/schema';
import { putInPayment } from '../bureau/bureau-fixtures';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

/**
 * Issue 15: the supervisor does in chat what `npm run admin -- spot-check` and `import-warnings`
 * do (六(六), 七(三)): a reproducible sample, findings that say something with a deadline, closing;
 * the warning file sent as a file then `导入预警`, checked whole, in Chinese, matched cases to re-check.
 */
let svc: TestService;
// Thursday 3 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-03T01:00:00Z'));
let staff: ChatDriver;
let caseId: string;
const SUPERVISOR = 'sup-sv-1';
const CASEWORKER = 'cw-sv-1';
const HEADER = 'warning_id,township_id,id_number,reason,received_on,due_on';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: SUPERVISOR, name: '市局赵', role: 'bureau_supervisor', townshipId: null },
    { userId: CASEWORKER, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
  ]);
  staff = new ChatDriver(svc, 'app', clock);
  const resident = new ChatDriver(svc, 'kf', clock);
  for (const [answer] of dibaoAnswers(IDS.a, IDS.b)) await resident.say('kf-sv-1', answer);
  caseId = /SQ\d{14}/.exec((await resident.say('kf-sv-1', '确认')).join('\n'))![0];
  await putInPayment(svc.database.db, caseId);
}, 90_000);

afterAll(async () => {
  await svc.stop();
});

const say = async (user: string, text: string) => (await staff.say(user, text)).join('\n');

/** GB18030 bytes of ASCII text and the few Chinese characters used below (Node cannot encode it). */
function gb18030(text: string): Buffer {
  const codes: Record<string, number[]> = {
    平: [0xc6, 0xbd],
    安: [0xb0, 0xb2],
    大: [0xb4, 0xf3],
    额: [0xb6, 0xee],
    存: [0xb4, 0xe6],
    款: [0xbf, 0xee],
  };
  return Buffer.from([...text].flatMap((c) => codes[c] ?? [c.charCodeAt(0)]));
}

async function sendCsv(text: string, encoding: 'utf8' | 'gb18030' = 'utf8'): Promise<string> {
  const data = encoding === 'utf8' ? Buffer.from(text, 'utf8') : gb18030(text);
  const media = svc.fake.addMedia({
    type: 'file',
    filename: 'warnings.csv',
    data: Buffer.from(data),
    contentType: 'text/csv',
  });
  const ack = (await staff.send(SUPERVISOR, 'file', media)).join('\n');
  await svc.media.whenIdle();
  return ack;
}

describe('spot checks in chat (六(六))', () => {
  it('only the bureau may run them; a township caseworker is told so', async () => {
    expect(await say(CASEWORKER, '抽查')).toContain('由市民政局办理');
    expect(await svc.database.db.select().from(spotChecks)).toEqual([]);
  });

  it('a sample without a share is explained, not drawn', async () => {
    const reply = await say(SUPERVISOR, '抽查抽样');
    expect(reply).toContain('请写抽取比例');
    expect(await say(SUPERVISOR, '抽查抽样 10% 火星镇')).toContain('没看懂“火星镇”');
    expect(await svc.database.db.select().from(spotChecks)).toEqual([]);
  });

  it('draws a reproducible sample of cases in payment, once a day for the same request', async () => {
    const reply = await say(SUPERVISOR, '抽查抽样 100% 平安镇');
    expect(reply).toContain('从平安镇在保的 1 件中按 100% 随机抽取 1 件');
    expect(reply).toContain(`第1号 ${caseId}`);
    expect(reply).toContain('抽样种子 2026-12-03');
    expect(await say(SUPERVISOR, '抽查抽样 100% 平安镇')).toContain('今天已按同样条件抽过');
    expect(await svc.database.db.select().from(spotChecks)).toHaveLength(1);
  });

  it('findings that say nothing are refused; findings with a past deadline too', async () => {
    expect(await say(SUPERVISOR, '抽查结果 1 无')).toContain('“无”“同上”“不知道”');
    expect(await say(SUPERVISOR, '抽查结果 1 收入未核实 整改至 2026-12-01')).toContain(
      '整改期限不能早于今天',
    );
    expect(await say(SUPERVISOR, '抽查结果 9 收入未核实')).toContain('没有这个序号的抽查');
    const [check] = await svc.database.db.select().from(spotChecks);
    expect(check!.status).toBe('sampled');
  });

  it('records findings with a deadline, lists them, and closes after rectification', async () => {
    const reply = await say(SUPERVISOR, '抽查结果 1 家庭收入未按规定核实，缺入户调查签字 整改至 2026-12-20');
    expect(reply).toContain('限期整改中，请乡镇在 2026-12-20 前整改');
    const [check] = await svc.database.db.select().from(spotChecks);
    expect(check).toMatchObject({ status: 'rectifying', rectifyBy: '2026-12-20' });
    expect(check!.findings).toContain('家庭收入未按规定核实');
    expect(await say(SUPERVISOR, '抽查')).toContain(
      `第1号 ${caseId}（平安镇）限期整改中，整改期限 2026-12-20`,
    );
    expect(await say(SUPERVISOR, '抽查结案 1')).toContain('整改完成，已结案');
    expect(await say(SUPERVISOR, '抽查')).toContain('目前没有未结的抽查');
    expect(await say(SUPERVISOR, '抽查结果 1 又发现问题')).toContain('已结案，不能再修改');
  });
});

describe('warning data in chat (七(三))', () => {
  it('导入预警 without a file says how to send it', async () => {
    expect(await say(SUPERVISOR, '导入预警')).toContain('请先把市民政局的预警数据');
    expect(await svc.database.db.select().from(bureauWarnings)).toEqual([]);
  });

  it('a file with bad rows imports nothing and says which lines, in Chinese', async () => {
    const ack = await sendCsv(
      [
        HEADER,
        `W1,pingan,${IDS.a},大额存款,2026-12-01,2026-12-31`,
        `W2,mars,123,,2026-12-01,2026-11-01`,
      ].join('\n'),
    );
    expect(ack).toContain('请发送“导入预警”');
    const reply = await say(SUPERVISOR, '导入预警');
    expect(reply).toContain('整份文件都没有导入');
    expect(reply).toContain('第3行：乡镇代码');
    expect(reply).toContain('第3行：身份证号');
    expect(await svc.database.db.select().from(bureauWarnings)).toEqual([]);
  });

  it('a good file (saved by Excel in GB18030) imports, and the paid case goes to re-check', async () => {
    await sendCsv([HEADER, `W1,pingan,${IDS.a},平安 大额存款,2026-12-01,2026-12-31`].join('\r\n'), 'gb18030');
    const reply = await say(SUPERVISOR, '导入预警');
    expect(reply).toContain('新导入 1 条');
    expect(reply).toContain('1 户在保对象已转乡镇复核');
    expect(reply).toContain(`案件 ${caseId}`);
    expect(reply).not.toContain(IDS.a);
    const [warning] = await svc.database.db.select().from(bureauWarnings);
    expect(warning!.reason).toBe('平安 大额存款');
    const events = await svc.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(events.map((e) => e.eventType)).toContain('bureau_warning');
    // The same file again: nothing doubled.
    expect(await say(SUPERVISOR, '导入预警')).toContain('1 条以前已导入');
    expect(await svc.database.db.select().from(bureauWarnings)).toHaveLength(1);
  });
});

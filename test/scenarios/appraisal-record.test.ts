import { eq } from 'drizzle-orm';
import { compose } from '../../src/app/compose';
import { cases } from '../../src/core/db/schema';
import { generateCaseDocument } from '../../src/features/documents/case-documents';
import { extractText, flat } from '../features/documents/pdf-inspect';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, TEST_CIPHER, type TestService } from '../support/test-service';

// Issue 15: 民主评议 recorded only a number. 六(二): it is recorded whole — date, attendees, result,
// notes — by the village committee or the caseworker, with clear answers to bad input.
let svc: TestService;
const clock = testClock(new Date('2026-12-03T01:00:00Z'));
let caseId: string;
const VC = 'vc-apr-1';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: 'cw-apr-1', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: VC, name: '刘书记', role: 'village_committee', townshipId: 'pingan' },
  ]);
  caseId = await applyInChat(new ChatDriver(svc, 'app', clock), 'res-apr-1', IDS.c, IDS.d);
  await svc.database.db
    .update(cases)
    .set({ state: 'visited', acceptedOn: '2026-12-01' })
    .where(eq(cases.id, caseId));
});
afterAll(async () => {
  await svc.stop();
});

describe('民主评议 recorded by the village committee', () => {
  it('asks day, attendees, result and notes, refuses bad answers, confirms, and records it', async () => {
    const chat = new ChatDriver(svc, 'app', clock);
    const say = async (text: string) => (await chat.say(VC, text)).join('\n');
    expect(await say(`民主评议 ${caseId}`)).toContain('民主评议日期');
    expect(await say('昨天')).toContain('参加评议的人员姓名');
    expect(await say('无')).toContain('请写参加人员的姓名');
    expect(await say('5')).toContain('请写参加人员的姓名');
    const result = await say('张大山 李秀英、王富贵');
    expect(result).toContain('1. 一致同意');
    expect(result).toContain('3. 多数不同意');
    expect(await say('同意吧')).toMatch(/请回复|序号/);
    expect(await say('1')).toContain('评议情况记录');
    expect(await say('同上')).toMatch(/请写明具体内容|请用文字回答/);
    const confirm = await say('代表们一致认为申请人丧偶独居，确无劳动能力');
    expect(confirm).toContain('评议日期：2026-12-02');
    expect(confirm).toContain('参加人员：张大山、李秀英、王富贵');
    expect(confirm).toContain('评议结果：一致同意');
    expect(confirm).toContain('提交后不能修改');
    expect(await say('确认')).toContain('已评议，待审核');
    expect((await svc.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.state).toBe(
      'appraised',
    );
  });

  it('the printed 民主评议记录 carries what was recorded: attendees and result (issue 19)', async () => {
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    const deps = {
      db: svc.database.db,
      cipher: TEST_CIPHER,
      townships: compose().townships,
      dataDir: svc.dataDir,
    };
    const stored = await generateCaseDocument(deps, row!, 'appraisal_record', 'cw-apr-1', clock.now());
    const text = flat(extractText({ record: stored!.document.bytes }).record!);
    for (const part of ['民主评议记录', '张大山', '李秀英', '王富贵', '一致同意', '2026年12月2日'])
      expect(text).toContain(part);
  });
});

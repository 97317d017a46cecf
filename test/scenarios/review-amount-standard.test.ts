import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { runAdmin } from '../../src/app/cli/admin-commands';
import { compose } from '../../src/app/compose';
import { loadParameters, PARAMETERS_FILE } from '../../src/core/config/load-parameters';
import { caseEvents, caseNotices, cases } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, TEST_CIPHER, type TestService } from '../support/test-service';

// Issue 15: 审核符合 asked no proposed amount and the 公示 showed neither village nor amount. The
// bureau sets the 低保 standard with its effective date by command; the review then shows the gap
// (补差, 国务院令第649号 第十三条) and refuses an amount above household size × standard.
let svc: TestService;
const clock = testClock(new Date('2026-12-02T01:00:00Z'));
let resident: ChatDriver;
let staff: ChatDriver;
let caseId: string;
const CW = 'cw-std-1';
const parametersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-std-')), 'parameters.json');

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const { templates, steps } = compose();
  const code = await runAdmin(argv, {
    db: svc.database.db,
    townships: compose().townships,
    now: clock.now(),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    bureau: {
      cipher: TEST_CIPHER,
      dataDir: os.tmpdir(),
      templates,
      rules: steps.rules,
      effects: steps.effects,
      parametersFile,
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const say = async (text: string) => (await staff.say(CW, text)).join('\n');

beforeAll(async () => {
  fs.copyFileSync(PARAMETERS_FILE, parametersFile);
  // A first service, only to have a database for the CLI; the case service starts below with the standard.
  svc = await startTestService({ now: clock.now });
});
afterAll(async () => {
  await svc.stop();
});

describe('the bureau sets the 低保 standard by command', () => {
  it('adds it as a new entry with its effective date and source, never rewriting an old one', async () => {
    expect(
      await admin(
        'standard',
        'set',
        '--name',
        'dibao.ruralStandardMonthly',
        '--yuan',
        '900',
        '--from',
        '2023-07-28',
        '--source',
        '舒民发〔2026〕1号',
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('not_after_latest') });
    expect(
      await admin(
        'standard',
        'set',
        '--name',
        'linshi.emergencyTownshipLimitPerPerson',
        '--yuan',
        '2000',
        '--from',
        '2026-12-01',
        '--source',
        'x',
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('not_a_standard') });
    const set = await admin(
      'standard',
      'set',
      '--name',
      'dibao.ruralStandardMonthly',
      '--yuan',
      '900',
      '--from',
      '2026-12-01',
      '--source',
      '舒兰市民政局关于调整城乡低保标准的通知（测试）',
    );
    expect(set).toMatchObject({ code: 0 });
    expect(set.out).toContain(
      'dibao.ruralStandardMonthly v2 = 900 yuan per person per month from 2026-12-01',
    );
    const list = await admin('standard', 'list', '--date', '2026-12-02');
    expect(list.out).toContain('dibao.ruralStandardMonthly\t900 yuan\tv2 from 2026-12-01');
    expect(list.out).toContain('dibao.urbanStandardMonthly\tunset (unconfirmed)');
    // Before its effective date the standard is not in force.
    expect((await admin('standard', 'list', '--date', '2026-11-30')).out).toContain(
      'dibao.ruralStandardMonthly\tunset (unconfirmed)',
    );
  });
});

describe('审核符合 with the standard in force', () => {
  beforeAll(async () => {
    await svc.stop();
    svc = await startTestService({ now: clock.now, parameters: loadParameters(parametersFile) });
    await seedStaff(svc, [
      { userId: CW, name: '王明', role: 'township_caseworker', townshipId: 'pingan' },
      { userId: 'vc-std-1', role: 'village_committee', townshipId: 'pingan' },
    ]);
    resident = new ChatDriver(svc, 'app', clock);
    staff = new ChatDriver(svc, 'app', clock);
    // Two people, declared income 1500 yuan a month (wages 1200, pension 300), village 红旗村.
    caseId = await applyInChat(resident, 'res-std-1', IDS.a, IDS.b);
    // Accepted, investigated and appraised (each tested on its own elsewhere).
    await svc.database.db
      .update(cases)
      .set({ state: 'appraised', acceptedOn: '2026-12-02' })
      .where(eq(cases.id, caseId));
  });

  it('asks the standard and the amount, shows the gap, and refuses more than household × standard', async () => {
    await say(`审核符合 ${caseId}`);
    const area = await say('家庭人均收入低于农村低保标准，符合条件');
    expect(area).toContain('按哪一个低保标准核算');
    expect(area).toContain('农村低保标准');
    const amount = await say('2');
    expect(amount).toContain('农村低保标准每人每月900元，2人户每月最多1800元');
    expect(amount).toContain('申报家庭月收入1500元，差额为每月300元');
    expect(await say('2000')).toContain('金额：2000 元');
    const refused = await say('确认');
    expect(refused).toContain('不能超过“低保标准×家庭人口”');
    expect(refused).toContain('重新办理');
    expect((await svc.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.state).toBe(
      'appraised',
    );

    await say(`审核符合 ${caseId}`);
    await say('家庭人均收入低于农村低保标准，符合条件');
    await say('农村');
    const check = await say('300');
    expect(check).toContain('金额：300 元');
    expect(check).toContain('低保标准：农村');
    expect(await say('确认')).toContain('审核符合，待公示');
    const [review] = await svc.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.eventType, 'review_eligible')));
    expect(review!.payload).toMatchObject({ proposedAmountFen: 30_000, area: 'rural', village: '红旗村' });
  });

  it('the 公示 shows the village and the proposed amount, never the ID number or income', async () => {
    await say(`开始公示 ${caseId}`);
    await say('确认');
    const [notice] = await svc.database.db
      .select()
      .from(caseNotices)
      .where(and(eq(caseNotices.caseId, caseId), eq(caseNotices.kind, 'publicity')));
    expect(notice!.text).toContain('申请人：张伟　家庭人口：2人　所在村（社区）：红旗村');
    expect(notice!.text).toContain('拟保障金额：每月300元');
    for (const secret of [IDS.a, IDS.b, '1500', '1200', '13904321234'])
      expect(notice!.text).not.toContain(secret);
  });
});

import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { PARAMETERS_FILE } from '../../src/core/config/load-parameters';
import { handoffs, staffMembers } from '../../src/core/db/schema';
import { parseParameterFile } from '../../src/domain/parameters/parameter-file';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

/** The shipped parameters with the local figures the bureau has not published set to test values. */
function configuredParameters() {
  const file = JSON.parse(fs.readFileSync(PARAMETERS_FILE, 'utf8')) as {
    parameters: { name: string; entries: { value: number | null }[] }[];
  };
  const set: Record<string, number> = {
    'dibao.ruralStandardMonthly': 50_000,
    'dibao.urbanStandardMonthly': 70_000,
    'dibao.assetLimitFinancialMonths': 24,
    'dibao.assetLimitHousingUnits': 1,
    'dibao.assetLimitVehicleValue': 5_000_000,
  };
  for (const p of file.parameters) if (p.name in set) for (const e of p.entries) e.value = set[p.name]!;
  const parsed = parseParameterFile(file);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.table;
}

const PRESCREEN: [string, RegExp][] = [
  ['测一测', /城镇还是农村/],
  ['农村', /几口人/],
  ['2', /收入/],
  ['600', /存款/],
  ['1000', /机动车/],
  ['没有', /几套住房/],
  ['1', /重病/],
  ['否', /没有劳动能力/],
  ['否', /突然的困难/],
  ['否', /看病、上学/],
];

describe('pre-screening with the bureau’s figures not yet configured', () => {
  let svc: TestService;
  const clock = testClock(new Date('2026-11-16T01:00:00Z'));
  beforeAll(async () => {
    svc = await startTestService({ now: clock.now });
  });
  afterAll(async () => {
    await svc.stop();
  });

  it.each(['app', 'kf'] as const)(
    'gives no income judgement and says who publishes the standard (%s)',
    async (channel) => {
      const chat = new ChatDriver(svc, channel, clock);
      const user = `${channel}-screen-1`;
      for (const [answer, next] of PRESCREEN) expect((await chat.say(user, answer)).join('\n')).toMatch(next);
      const result = (await chat.say(user, '否')).join('\n');
      expect(result).toContain('不是审批结论');
      expect(result).toContain('【低保】暂时无法判断');
      expect(result).toContain('舒兰市民政局公布');
      expect(result).not.toMatch(/当地标准：每人每月\d/);
    },
  );
});

describe('pre-screening with configured figures, and the hand-off to a caseworker', () => {
  let svc: TestService;
  const clock = testClock(new Date('2026-11-16T01:00:00Z'));
  beforeAll(async () => {
    svc = await startTestService({ now: clock.now, parameters: configuredParameters() });
    const now = clock.now();
    await svc.database.db.insert(staffMembers).values({
      userId: 'cw-fate-9',
      name: '赵经办',
      role: 'township_caseworker',
      townshipId: 'fate',
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(async () => {
    await svc.stop();
  });

  it('judges income against the standard in force, as guidance', async () => {
    const chat = new ChatDriver(svc, 'app', clock);
    for (const [answer] of PRESCREEN) await chat.say('app-screen-2', answer);
    const result = (await chat.say('app-screen-2', '否')).join('\n');
    expect(result).toContain('【低保】可能符合，建议申请');
    expect(result).toContain('当地标准：每人每月500元；您家人均月收入约300元');
    expect(result).not.toContain('特困供养】');
  });

  it.each(['app', 'kf'] as const)(
    'hands an unanswerable question to the caseworkers of the named township (%s)',
    async (channel) => {
      const chat = new ChatDriver(svc, channel, clock);
      const user = `${channel}-asker-9`;
      const noMatch = (await chat.say(user, '公积金怎么提取')).join('\n');
      expect(noMatch).toContain('还不能准确回答');
      expect(noMatch).toContain('转人工咨询');
      const before = svc.fake.sentTo('cw-fate-9').length;
      expect((await chat.say(user, '转人工')).join('\n')).toMatch(/户口在哪个乡镇/);
      expect((await chat.say(user, '法特')).join('\n')).toContain('已把您的问题转给法特镇的工作人员');
      await svc.dispatcher.whenIdle();
      const told = svc.fake.sentTo('cw-fate-9');
      expect(told).toHaveLength(before + 1);
      expect(JSON.stringify(told.at(-1)!.body)).toContain('公积金怎么提取');
      const rows = await svc.database.db.select().from(handoffs).where(eq(handoffs.userId, user));
      expect(rows).toMatchObject([
        { townshipId: 'fate', question: '公积金怎么提取', status: 'open', notified: 1, channel },
      ]);
    },
  );
});

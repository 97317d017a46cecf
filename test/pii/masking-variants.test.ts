import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/core/db/raw-query';
import { handoffs, staffMembers } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

/**
 * Identifiers typed the way people type them — full-width digits, groups split by spaces or
 * dashes, both mixed — into every free text the product keeps in clear or sends on: a policy
 * question (kept for 转人工), the hand-off question (handoffs, the caseworker's WeCom message),
 * staff step texts and reasons (case_events) and the purpose of a full read (pii_reads). Bureau
 * texts (spot-check findings, warning reasons) are in their own tests. Then every table, the logs and everything sent
 * to WeCom are searched for the numbers, read through the same variants: none may be found.
 */
const ID_1 = '110105194912310021';
const ID_2 = '44030419880808123X';
const PHONE_1 = '13812345678';
const PHONE_2 = '15900001111';
const SECRETS = [ID_1, ID_2, PHONE_1, PHONE_2];

const wide = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const VARIANTS = {
  fullWidthId: wide(ID_1),
  spacedId: '440304 19880808 123X',
  dashedPhone: '138-1234-5678',
  mixedId: '１１０１０５-1949 1231 ００２１',
  mixedPhone: '１５９ 0000-１１１１',
  fullWidthPhone: wide(PHONE_1),
};

/** Full-width digits to ASCII, spaces and dashes dropped: how a number is found whatever its form. */
const normalised = (text: string) =>
  text
    .replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u200b-\u200d\ufeff\-－‐-―−﹣]/g, '')
    .toUpperCase();
const findings = (text: string) => SECRETS.filter((s) => normalised(text).includes(s));

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  await svc.database.db.insert(staffMembers).values([
    {
      userId: 'cw-mask-1',
      name: '王一',
      role: 'township_caseworker',
      townshipId: 'pingan',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const app = new ChatDriver(svc, 'app', clock);
  const kf = new ChatDriver(svc, 'kf', clock);
  const staff = new ChatDriver(svc, 'app', clock);

  // A policy question the knowledge base cannot answer is kept for 转人工, then handed over.
  const noMatch = (
    await app.say(
      'mask-app-1',
      `公积金怎么提取 我的身份证${VARIANTS.fullWidthId} 电话${VARIANTS.dashedPhone}`,
    )
  ).join('\n');
  expect(noMatch).toContain('转人工咨询');
  await app.say('mask-app-1', '转人工');
  expect((await app.say('mask-app-1', '平安镇')).join('\n')).toContain('已把您的问题转给');

  // A question left unanswered stays in the conversation state, ready for 转人工.
  await app.say('mask-app-2', `公积金怎么提取 ${VARIANTS.mixedId} ${VARIANTS.mixedPhone}`);

  // 转人工 first, the question typed in the hand-off, on 微信客服.
  expect((await kf.say('mask-kf-1', '转人工')).join('\n')).toMatch(/问题/);
  await kf.say('mask-kf-1', `帮我查一下 ${VARIANTS.spacedId} 和 ${VARIANTS.mixedPhone} 的申请`);
  expect((await kf.say('mask-kf-1', '平安镇')).join('\n')).toContain('已把您的问题转给');

  // Staff step texts and reasons: one case verified with a summary, another refused with reasons.
  const verified = await applyInChat(kf, 'mask-kf-2', IDS.a, IDS.b);
  await staff.say('cw-mask-1', `受理 ${verified}`);
  expect((await staff.say('cw-mask-1', '确认')).join('\n')).toContain('已受理');
  await staff.say('cw-mask-1', `信息核对 ${verified}`);
  await staff.say('cw-mask-1', `核对了 ${VARIANTS.mixedId}，联系电话${VARIANTS.fullWidthPhone}`);
  // The purpose of a full read, kept in pii_reads.
  const full = (await staff.say('cw-mask-1', `身份证 ${verified} 核对${VARIANTS.dashedPhone}`)).join('\n');
  expect(full).toContain('核对138****5678');
  const refused = await applyInChat(kf, 'mask-kf-3', IDS.c, IDS.d);
  await staff.say('cw-mask-1', `不予受理 ${refused}`);
  await staff.say('cw-mask-1', `申请人 ${VARIANTS.spacedId} 不在本镇；电话 ${VARIANTS.dashedPhone} 无法接通`);
  await staff.say('cw-mask-1', '确认');
  await svc.worker.whenIdle();
  await svc.dispatcher.whenIdle();
}, 120_000);

afterAll(async () => {
  await svc.stop();
});

describe('identifiers typed as full-width, spaced, dashed or mixed digits', () => {
  it('reach the hand-off rows and the caseworker masked', async () => {
    const rows = await svc.database.db.select({ question: handoffs.question }).from(handoffs);
    expect(rows.map((r) => r.question)).toEqual([
      '公积金怎么提取 我的身份证110105********0021 电话138****5678',
      '帮我查一下 440304********123X 和 159****1111 的申请',
    ]);
    const toCaseworker = svc.fake.sentTo('cw-mask-1').map((s) => JSON.stringify(s.body));
    expect(toCaseworker.some((t) => t.includes('110105********0021'))).toBe(true);
  });

  it('stay in the conversation state masked', async () => {
    const [row] = await queryRows<{ state: { lastQuestion: string } }>(
      svc.database.db,
      sql`select state from conversations where conversation_key like ${'%mask-app-2%'}`,
    );
    expect(row!.state.lastQuestion).toBe('公积金怎么提取 110105********0021 159****1111');
  });

  it('reach the audit of full reads masked', async () => {
    const reads = await queryRows<{ purpose: string }>(svc.database.db, sql`select purpose from pii_reads`);
    expect(reads.map((r) => r.purpose)).toEqual(['核对138****5678', '核对138****5678']);
  });

  it('reach the case events masked', async () => {
    const events = await queryRows<{ payload: string }>(
      svc.database.db,
      sql`select row_to_json(e)::text as payload from case_events e where event_type in ('record_verification', 'refuse_acceptance')`,
    );
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.payload).join('\n')).toContain('110105********0021');
  });

  it('are found in no table', async () => {
    const tables = await queryRows<{ name: string }>(
      svc.database.db,
      sql`select table_name as name from information_schema.tables
           where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(15);
    const found: { table: string; secrets: string[] }[] = [];
    for (const { name } of tables) {
      const rows = await queryRows<{ row: string }>(
        svc.database.db,
        sql`select row_to_json(t)::text as row from ${sql.identifier(name)} t`,
      );
      for (const { row } of rows)
        if (findings(row).length > 0) found.push({ table: name, secrets: findings(row) });
    }
    expect(found).toEqual([]);
  });

  it('are found in no log line and in nothing sent to WeCom', () => {
    expect(
      svc.logs
        .text()
        .split('\n')
        .filter((line) => findings(line).length > 0),
    ).toEqual([]);
    const sent = [
      ...svc.fake.sent.map((s) => JSON.stringify(s.body)),
      ...svc.fake.kf.sends.map((s) => JSON.stringify(s.body)),
    ];
    expect(sent.filter((body) => findings(body).length > 0)).toEqual([]);
  });
});

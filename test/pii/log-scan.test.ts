import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/core/db/raw-query';
import { cases, piiReads, staffMembers } from '../../src/core/db/schema';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, TEST_CIPHER, type TestService } from '../support/test-service';
import { ID_SHAPED, MOBILE_SHAPED } from './pii-patterns';

/**
 * A whole scenario through the real service, logs captured at debug level: a resident applies
 * with an ID number and phone (and types them into a chat message too), caseworkers view and step
 * the case, one reads the full ID number. Then every log line and every table that should not
 * hold identifiers in clear is searched for them, and for anything shaped like them.
 */
let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let resident: ChatDriver;
let appUser: ChatDriver;
let staff: ChatDriver;
let caseId: string;
const RESIDENT = 'kf-pii-1';
const PHONE = '13904321234';
const SECRETS = [IDS.a, IDS.b, PHONE];
const TYPED_ID = IDS.c;
const TYPED_PHONE = '13812345678';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  const member = (
    userId: string,
    name: string,
    role: 'township_caseworker' | 'village_committee' | 'bureau_supervisor',
    townshipId: string | null,
  ) => ({ userId, name, role, townshipId, createdAt: now, updatedAt: now });
  await svc.database.db
    .insert(staffMembers)
    .values([
      member('cw-p1', '王一', 'township_caseworker', 'pingan'),
      member('cw-p2', '王二', 'township_caseworker', 'pingan'),
      member('vc-p1', '村委一', 'village_committee', 'pingan'),
      member('cw-f1', '赵一', 'township_caseworker', 'fate'),
      member('bs-1', '局审核', 'bureau_supervisor', null),
    ]);
  resident = new ChatDriver(svc, 'kf', clock);
  appUser = new ChatDriver(svc, 'app', clock);
  staff = new ChatDriver(svc, 'app', clock);
  caseId = await applyInChat(resident, RESIDENT, IDS.a, IDS.b);
  // Identifiers typed into free text, on both channels.
  await resident.say(RESIDENT, `我的身份证是${TYPED_ID}，电话${TYPED_PHONE}，请帮我查一下`);
  await appUser.say('resident-app-1', `身份证 ${TYPED_ID} 手机 ${TYPED_PHONE}`);
}, 120_000);
afterAll(async () => {
  await svc.stop();
});

describe('the staff case view and full identifiers', () => {
  it('shows the ID number and phone masked to a caseworker', async () => {
    const view = (await staff.say('cw-p1', `案件 ${caseId}`)).join('\n');
    expect(view).toContain('身份证号：220283********0016');
    expect(view).toContain('电话：139****1234');
    expect(view).not.toContain(IDS.a);
    expect(view).not.toContain(PHONE);
  });

  it('asks for a purpose before showing the full numbers, and records nothing', async () => {
    const reply = (await staff.say('cw-p1', `身份证 ${caseId}`)).join('\n');
    expect(reply).toContain('需要写明用途');
    expect(reply).not.toContain(IDS.a);
    expect(await svc.database.db.select().from(piiReads)).toEqual([]);
  });

  it('shows the full numbers to a caseworker of the township, once per request, each read audited', async () => {
    const reply = (await staff.say('cw-p1', `身份证 ${caseId} 省平台核对`)).join('\n');
    expect(reply).toContain(IDS.a);
    expect(reply).toContain(PHONE);
    const reads = await svc.database.db.select().from(piiReads).where(eq(piiReads.caseId, caseId));
    expect(reads.map((r) => [r.readerId, r.readerRole, r.readerTownship, r.field, r.purpose])).toEqual([
      ['cw-p1', 'township_caseworker', 'pingan', 'applicant_id', '省平台核对'],
      ['cw-p1', 'township_caseworker', 'pingan', 'applicant_phone', '省平台核对'],
    ]);
    expect(reads[0]!.at).toEqual(clock.now());
  });

  it('shows them to a bureau supervisor, audited', async () => {
    expect((await staff.say('bs-1', `身份证 ${caseId} 抽查复核`)).join('\n')).toContain(IDS.a);
    const reads = await svc.database.db.select().from(piiReads).where(eq(piiReads.readerId, 'bs-1'));
    expect(reads.map((r) => r.field)).toEqual(['applicant_id', 'applicant_phone']);
  });

  it('refuses a village committee member with the reason, and another township as not found', async () => {
    const village = (await staff.say('vc-p1', `身份证 ${caseId} 看一下`)).join('\n');
    expect(village).toContain('不能向您显示');
    expect(village).toContain('遮盖后的号码');
    expect(village).not.toContain(IDS.a);
    const other = (await staff.say('cw-f1', `身份证 ${caseId} 看一下`)).join('\n');
    expect(other).toContain('没有找到');
    expect(other).not.toContain(IDS.a);
    const readers = (await svc.database.db.select().from(piiReads)).map((r) => r.readerId);
    expect(new Set(readers)).toEqual(new Set(['cw-p1', 'bs-1']));
  });

  it('keeps the audit append-only', async () => {
    await expect(svc.database.db.update(piiReads).set({ purpose: 'x' })).rejects.toThrow();
    await expect(svc.database.db.delete(piiReads)).rejects.toThrow();
  });

  it('steps the case: the one-time notice names the resident but holds no ID number', async () => {
    await staff.say('cw-p1', `补正材料 ${caseId}`);
    expect((await staff.say('cw-p1', '2 4')).join('\n')).toContain('请核对');
    expect((await staff.say('cw-p1', '确认')).join('\n')).toContain('现在：待补正材料');
    await staff.say('cw-p1', `材料已补齐 ${caseId}`);
    await staff.say('cw-p1', `受理 ${caseId}`);
    expect((await staff.say('cw-p1', '确认')).join('\n')).toContain('已受理');
    await svc.dispatcher.whenIdle();
    const notices = resident.received(RESIDENT).join('\n');
    expect(notices).toContain('一次性告知书');
    expect(notices).toContain('受理通知书');
    for (const secret of [IDS.a, IDS.b]) expect(notices).not.toContain(secret);
    expect((await svc.database.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.state).toBe(
      'accepted',
    );
  });
});

function findings(text: string): string[] {
  const found: string[] = [];
  for (const secret of [...SECRETS, TYPED_ID, TYPED_PHONE]) if (text.includes(secret)) found.push(secret);
  found.push(...(text.match(ID_SHAPED) ?? []), ...(text.match(MOBILE_SHAPED) ?? []));
  return found;
}

describe('after the scenario', () => {
  beforeAll(async () => {
    await svc.worker.whenIdle();
    await svc.dispatcher.whenIdle();
  });

  it('no log line holds an ID number, a phone, or anything shaped like one', () => {
    const lines = svc.logs.text().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.some((l) => JSON.parse(l).level === 20)).toBe(true);
    expect(lines.map((line) => ({ line, found: findings(line) })).filter((l) => l.found.length > 0)).toEqual(
      [],
    );
  });

  it.each([
    ['inbound_messages', sql`select row_to_json(t)::text as row from inbound_messages t`],
    ['conversations', sql`select row_to_json(t)::text as row from conversations t`],
    ['case_notices', sql`select row_to_json(t)::text as row from case_notices t`],
    ['case_events', sql`select row_to_json(t)::text as row from case_events t`],
    ['cases', sql`select row_to_json(t)::text as row from cases t`],
    ['case_members', sql`select row_to_json(t)::text as row from case_members t`],
    ['pii_reads', sql`select row_to_json(t)::text as row from pii_reads t`],
    // Including the replies that showed caseworkers the full numbers: those are kept sealed.
    ['outbox', sql`select row_to_json(t)::text as row from outbox t`],
  ])('the %s table holds no identifier in clear', async (_table, query) => {
    const rows = await queryRows<{ row: string }>(svc.database.db, query);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.map((r) => ({ row: r.row, found: findings(r.row) })).filter((r) => r.found.length > 0),
    ).toEqual([]);
  });

  it('keeps the replies that showed full numbers sealed in the outbox, and sent', async () => {
    const rows = await queryRows<{ sealed: string; status: string }>(
      svc.database.db,
      sql`select body ->> 'sealed' as sealed, status from outbox where body ? 'sealed'`,
    );
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(rows.map((r) => JSON.parse(TEST_CIPHER.open(r.sealed)).text.templateId)).toEqual([
      'staff.pii.full',
      'staff.pii.full',
    ]);
  });

  it('stored payloads are sealed, and open to the messages typed', async () => {
    const rows = await queryRows<{ payload: unknown; sealed: string | null }>(
      svc.database.db,
      sql`select payload, payload_sealed as sealed from inbound_messages`,
    );
    expect(rows.every((r) => r.payload === null && r.sealed?.startsWith('v1.'))).toBe(true);
  });
});

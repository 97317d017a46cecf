import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { runAdmin } from '../../src/app/cli/admin-commands';
import { createCase } from '../../src/core/cases/case-records';
import { villageHashes } from '../../src/core/cases/case-villages';
import { loadConfig } from '../../src/core/config/load-config';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { caseMembers, cases, inboundMessages } from '../../src/core/db/schema';
import { storeInbound } from '../../src/core/inbox/store-inbound';
import { validateInboundMessage } from '../../src/core/wecom/callback/inbound-message-schema';
import { IDS } from '../support/application-answers';
import { openTestDatabase } from '../support/test-database';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const now = new Date('2026-12-01T02:00:00Z');
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const worker = { id: 'rot-worker', role: 'township_caseworker' as const, township: 'tianjia' };

beforeAll(async () => {
  database = await openTestDatabase();
  const old = new PiiCipher(oldKey);
  const created = await createCase(
    database.db,
    old,
    {
      id: 'C-ROT-1',
      program: 'dibao',
      businessType: 'new',
      townshipId: 'tianjia',
      submittedBy: 'village_committee',
      applicant: { name: '钱七', idNumber: IDS.a, phone: '13900001111' },
      members: [{ name: '钱小七', relation: '子女', idNumber: IDS.c }],
      nearRelativeDeclared: false,
      hivTagged: false,
      declaration: { income: 800, village: '田家村' },
    },
    worker,
    now,
  );
  expect(created.ok).toBe(true);
  await storeInbound(
    database.db,
    old,
    validateInboundMessage({
      ToUserName: 'ww1',
      FromUserName: 'rot-user',
      CreateTime: String(Math.floor(now.getTime() / 1000)),
      MsgType: 'text',
      Content: `我的身份证 ${IDS.a}`,
      MsgId: 'rot-1',
    }),
    now,
  );
});
afterAll(async () => {
  await database.dispose();
});

const caseRow = async () => (await database.db.select().from(cases).where(eq(cases.id, 'C-ROT-1')))[0]!;

describe('rotating the PII key', () => {
  it('reads PII_PREVIOUS_KEYS and refuses a malformed one by name', () => {
    const base = {
      WECOM_CORP_ID: 'ww0123456789abcdef',
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'a-real-looking-secret',
      WECOM_TOKEN: 'Tok3n',
      WECOM_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      PII_ENCRYPTION_KEY: newKey.toString('base64'),
    };
    const config = loadConfig({ ...base, PII_PREVIOUS_KEYS: ` ${oldKey.toString('base64')} ` });
    expect(config.previousPiiKeys).toEqual([oldKey]);
    expect(loadConfig(base).previousPiiKeys).toEqual([]);
    expect(() => loadConfig({ ...base, PII_PREVIOUS_KEYS: 'c2hvcnQ=' })).toThrow(
      /PII_PREVIOUS_KEYS must be earlier PII_ENCRYPTION_KEY values/,
    );
  });

  it('pii-reseal seals every identifier again under the new key, with lookups by the new key alone', async () => {
    const rotated = new PiiCipher(newKey, [oldKey]);
    const before = await caseRow();
    expect(before.applicantIdHash).not.toBe(rotated.lookupHash(IDS.a));
    // Until the re-seal, the 待办 village filter finds the case under the previous key's hash.
    expect(villageHashes(rotated, '田家村')).toContain(before.villageHash);

    const out: string[] = [];
    const io = { db: database.db, townships: [], now, out: (l: string) => out.push(l), err: () => {} };
    const code = await runAdmin(['pii-reseal'], {
      ...io,
      bureau: { cipher: rotated } as Parameters<typeof runAdmin>[1]['bureau'],
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/1 cases, 1 household members, 1 stored messages; unreadable .*: 0/);

    // The new key alone now opens and finds everything; the old key opens nothing.
    const newOnly = new PiiCipher(newKey);
    const oldOnly = new PiiCipher(oldKey);
    const after = await caseRow();
    expect(newOnly.open(after.applicantIdSealed)).toBe(IDS.a);
    expect(newOnly.open(after.applicantPhoneSealed!)).toBe('13900001111');
    expect(JSON.parse(newOnly.open(after.applicationSealed!))).toEqual({ income: 800, village: '田家村' });
    expect(newOnly.open(after.villageSealed!)).toBe('田家村');
    expect(after.villageHash).toBe(villageHashes(newOnly, '田家村')[0]);
    expect(after.applicantIdHash).toBe(newOnly.lookupHash(IDS.a));
    expect(after.applicantPhoneHash).toBe(newOnly.lookupHash('13900001111'));
    expect(() => oldOnly.open(after.applicantIdSealed)).toThrow();
    const [member] = await database.db.select().from(caseMembers).where(eq(caseMembers.caseId, 'C-ROT-1'));
    expect(newOnly.open(member!.idSealed!)).toBe(IDS.c);
    expect(member!.idHash).toBe(newOnly.lookupHash(IDS.c));
    const [message] = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.fromUser, 'rot-user'));
    expect(message?.payloadSealed?.startsWith(`v1.${newOnly.currentKeyId}.`)).toBe(true);

    // Run again: nothing left to do.
    out.length = 0;
    await runAdmin(['pii-reseal'], {
      ...io,
      bureau: { cipher: newOnly } as Parameters<typeof runAdmin>[1]['bureau'],
    });
    expect(out.join('\n')).toMatch(/0 cases, 0 household members, 0 stored messages/);
  });

  it('refuses without a key, and counts what no key in the ring opens without touching it', async () => {
    const err: string[] = [];
    const io = { db: database.db, townships: [], now, out: () => {}, err: (l: string) => err.push(l) };
    expect(await runAdmin(['pii-reseal'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/needs PII_ENCRYPTION_KEY/);

    const stranger = new PiiCipher(randomBytes(32));
    const out: string[] = [];
    const code = await runAdmin(['pii-reseal'], {
      ...io,
      out: (l: string) => out.push(l),
      bureau: { cipher: stranger } as Parameters<typeof runAdmin>[1]['bureau'],
    });
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/unreadable .*: 3/);
    expect(new PiiCipher(newKey).open((await caseRow()).applicantIdSealed)).toBe(IDS.a);
  });
});

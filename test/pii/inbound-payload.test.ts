import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { inboundMessages } from '../../src/core/db/schema';
import { openInboundPayload, sealStoredPayloads } from '../../src/core/inbox/inbound-payload';
import { storeInbound } from '../../src/core/inbox/store-inbound';
import { maskIdNumber, maskPhone, maskText } from '../../src/core/privacy/mask';
import { validateInboundMessage } from '../../src/core/wecom/callback/inbound-message-schema';
import { IDS } from '../support/application-answers';
import { openTestDatabase } from '../support/test-database';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const now = new Date('2026-12-01T01:00:00Z');
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
let n = 0;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

function text(content: string, msgId = `pl-${n++}`) {
  return validateInboundMessage({
    ToUserName: 'ww1',
    FromUserName: `payload-user-${n}`,
    CreateTime: String(Math.floor(now.getTime() / 1000)),
    MsgType: 'text',
    Content: content,
    MsgId: msgId,
  });
}

const rowOf = async (id: number) =>
  (await database.db.select().from(inboundMessages).where(eq(inboundMessages.id, id)))[0]!;

describe('inbound payloads at rest', () => {
  it('are stored sealed, open to the message, and a redelivery still dedupes', async () => {
    const cipher = new PiiCipher(oldKey);
    const message = text(`身份证${IDS.a}`, 'pl-dedupe');
    const first = await storeInbound(database.db, cipher, message, now);
    const again = await storeInbound(database.db, cipher, message, now);
    expect(first.stored).toBe(true);
    expect(again).toEqual({ stored: false });
    const row = await rowOf((first as { id: number }).id);
    expect(row.payload).toBeNull();
    expect(row.payloadSealed).toMatch(new RegExp(`^v1\\.${cipher.currentKeyId}\\.`));
    expect(row.payloadSealed).not.toContain(IDS.a);
    expect(openInboundPayload(cipher, row)).toEqual(message);
  });

  it('rows stored in clear before sealing are sealed by the pass at start; rows under an old key re-sealed', async () => {
    const old = new PiiCipher(oldKey);
    const legacy = text(`电话13904321234`);
    const [inserted] = await database.db
      .insert(inboundMessages)
      .values({
        dedupeKey: `app:msg:${String(legacy.MsgId)}`,
        channel: 'app',
        conversationKey: 'app:legacy',
        fromUser: 'legacy',
        msgType: 'text',
        sentAt: now,
        receivedAt: now,
        nextAttemptAt: now,
        payload: legacy,
        status: 'processed',
      })
      .returning({ id: inboundMessages.id });
    const underOld = await storeInbound(database.db, old, text('旧密钥'), now);
    const rotated = new PiiCipher(newKey, [oldKey]);
    const result = await sealStoredPayloads(database.db, rotated, 2);
    expect(result.unreadable).toBe(0);
    expect(result.sealed).toBeGreaterThanOrEqual(2);
    const legacyRow = await rowOf(inserted!.id);
    expect(legacyRow.payload).toBeNull();
    expect(rotated.needsReseal(legacyRow.payloadSealed!)).toBe(false);
    expect(openInboundPayload(rotated, legacyRow)).toEqual(legacy);
    const oldRow = await rowOf((underOld as { id: number }).id);
    expect(rotated.needsReseal(oldRow.payloadSealed!)).toBe(false);
    expect(openInboundPayload(new PiiCipher(newKey), oldRow)).toMatchObject({ Content: '旧密钥' });
    // A second pass finds nothing left to do.
    expect(await sealStoredPayloads(database.db, rotated)).toEqual({ sealed: 0, unreadable: 0 });
  });

  it('a row sealed with a key no longer in the ring is left alone and counted', async () => {
    const stranger = new PiiCipher(randomBytes(32));
    const stored = await storeInbound(database.db, stranger, text('陌生密钥'), now);
    const before = await rowOf((stored as { id: number }).id);
    const result = await sealStoredPayloads(database.db, new PiiCipher(newKey, [oldKey]));
    expect(result).toEqual({ sealed: 0, unreadable: 1 });
    expect(await rowOf(before.id)).toEqual(before);
    expect(() => openInboundPayload(new PiiCipher(newKey), before)).toThrow();
  });
});

describe('masks', () => {
  it('hide the birth date and the middle of a phone number', () => {
    expect(maskIdNumber(IDS.a)).toBe('220283********0016');
    expect(maskPhone('13904321234')).toBe('139****1234');
    expect(maskText(`我是${IDS.a}，电话 +86 139-0432-1234`)).toBe('我是220283********0016，电话 139****1234');
  });
});

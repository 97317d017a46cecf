import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { inboundMessages } from '../db/schema';
import { CallbackRejection } from '../wecom/callback/callback-rejection';
import { dedupeKeyOf } from '../wecom/callback/dedupe-key';
import { type InboundMessage, isEvent } from '../wecom/callback/inbound-message-schema';
import { sealInboundPayload } from './inbound-payload';

/** The database could not take the message; the caller answers 503 so WeCom delivers again. */
export class StorageUnavailable extends Error {
  constructor(cause: unknown) {
    super('inbound message could not be stored', { cause });
    this.name = 'StorageUnavailable';
  }
}

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export type StoreResult = { stored: true; id: number; conversationKey: string } | { stored: false };

/** Conversation key of a self-built-app user: one queue per user and channel. */
export function appConversationKey(userId: string): string {
  return `app:${userId}`;
}

/** Conversation key of a resident on a 微信客服 account. */
export function kfConversationKey(openKfId: string, externalUserId: string): string {
  return `kf:${openKfId}:${externalUserId}`;
}

/** Where a message came from: the self-built app's callback, or a 微信客服 pull (sync_msg). */
export type InboundSource = { channel: 'app' } | { channel: 'kf'; openKfId: string };

/** The row a verified message is stored as, and the conversation it belongs to. */
export interface InboundRow {
  values: typeof inboundMessages.$inferInsert & { dedupeKey: string };
  conversationKey: string;
}

export function inboundRowOf(
  cipher: PiiCipher,
  message: InboundMessage,
  now: Date,
  source: InboundSource = { channel: 'app' },
): InboundRow {
  const fromUser = message.FromUserName ?? '';
  const event = isEvent(message) ? message.Event : null;
  const conversationKey =
    source.channel === 'kf'
      ? kfConversationKey(source.openKfId, fromUser)
      : fromUser
        ? appConversationKey(fromUser)
        : `sys:${event ?? message.MsgType}:${isEvent(message) ? (message.OpenKfId ?? '') : ''}`;
  const dedupeKey = source.channel === 'kf' ? `kf:msg:${String(message.MsgId ?? '')}` : dedupeKeyOf(message);
  return {
    conversationKey,
    values: {
      dedupeKey,
      channel: source.channel,
      conversationKey,
      fromUser,
      agentId: message.AgentID ?? null,
      msgType: message.MsgType,
      event,
      sentAt: new Date(Number(message.CreateTime) * 1000),
      payloadSealed: sealInboundPayload(cipher, message),
      receivedAt: now,
      nextAttemptAt: now,
    },
  };
}

/**
 * Stores verified messages once, in one statement. A redelivery hits the unique dedupe key and
 * stores nothing, which is how "three deliveries, one message" holds across restarts and
 * instances; of two rows with the same key in one call, the first is the one stored. The payload
 * is sealed with the PII key (the dedupe key and routing columns never hold message content).
 * Answers one result per row, in order.
 */
export async function storeInboundRows(db: Db, rows: InboundRow[]): Promise<StoreResult[]> {
  if (rows.length === 0) return [];
  try {
    const inserted = await db
      .insert(inboundMessages)
      .values(rows.map((row) => row.values))
      .onConflictDoNothing({ target: inboundMessages.dedupeKey })
      .returning({ id: inboundMessages.id, dedupeKey: inboundMessages.dedupeKey });
    const ids = new Map(inserted.map((row) => [row.dedupeKey, row.id]));
    return rows.map((row): StoreResult => {
      const id = ids.get(row.values.dedupeKey);
      if (id === undefined) return { stored: false };
      ids.delete(row.values.dedupeKey);
      return { stored: true, id, conversationKey: row.conversationKey };
    });
  } catch (error) {
    // A data error (SQLSTATE class 22) is this message's fault, not the database's: refuse it.
    if (/^22/.test(sqlState(error) ?? ''))
      throw new CallbackRejection('invalid_message', 'value not storable');
    throw new StorageUnavailable(error);
  }
}

/** Stores one verified message once (see storeInboundRows). */
export async function storeInbound(
  db: Db,
  cipher: PiiCipher,
  message: InboundMessage,
  now: Date,
  source: InboundSource = { channel: 'app' },
): Promise<StoreResult> {
  const [result] = await storeInboundRows(db, [inboundRowOf(cipher, message, now, source)]);
  return result!;
}

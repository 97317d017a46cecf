import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Every callback WeCom delivered, stored before we answer it. The unique dedupe key makes a
 * retried delivery a no-op; `status` drives the worker, so a crash after the answer loses nothing.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    channel: text('channel', { enum: ['app', 'kf'] }).notNull(),
    /** Serialisation unit: one user's messages on one channel are processed one at a time, in order. */
    conversationKey: text('conversation_key').notNull(),
    fromUser: text('from_user').notNull(),
    agentId: text('agent_id'),
    msgType: text('msg_type').notNull(),
    event: text('event'),
    /** WeCom's CreateTime (the sender's clock), for ordering and audit. */
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The validated decrypted message, every value a string as WeCom sent it. */
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'processed', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbound_messages_dedupe_key_uq').on(t.dedupeKey),
    index('inbound_messages_pending_idx').on(t.conversationKey, t.id).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Conversation state per user and channel. `stateVersion` lets a deploy discard state written
 * by an incompatible flow; `turn` counts processed messages (and guards against lost updates).
 */
export const conversations = pgTable('conversations', {
  conversationKey: text('conversation_key').primaryKey(),
  state: jsonb('state').notNull(),
  stateVersion: integer('state_version').notNull(),
  turn: integer('turn').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Everything the product sends, written in the same transaction as the change that caused it.
 * The dispatcher (WeCom-client issue) sends pending rows and records the outcome.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: ['app', 'kf'] }).notNull(),
    recipient: text('recipient').notNull(),
    /** Channel-neutral reply model; rendered per channel when sent. */
    body: jsonb('body').notNull(),
    causedByInboundId: bigint('caused_by_inbound_id', { mode: 'number' }),
    status: text('status', { enum: ['pending', 'sent', 'dead'] })
      .notNull()
      .default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_pending_idx').on(t.id).where(sql`${t.status} = 'pending'`)],
);

export const schema = { inboundMessages, conversations, outbox };
export type Schema = typeof schema;

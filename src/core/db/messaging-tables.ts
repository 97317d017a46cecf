/** Callbacks received, conversation state, the outbox and what WeCom needs kept (tokens, cursors, card codes). */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
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
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /**
     * Legacy: the validated message in clear, from rows stored before payloads were sealed. New
     * rows leave it null; a pass at start seals what is left (see src/core/inbox/inbound-payload.ts).
     */
    payload: jsonb('payload'),
    /**
     * The validated decrypted message (JSON, every value a string as WeCom sent it), sealed with
     * the PII key: a resident may type an ID number or phone into any message.
     */
    payloadSealed: text('payload_sealed'),
    /** `skipped`: a repeat in a flood, answered through a later copy (src/core/bot/flood-coalescing.ts). */
    status: text('status', { enum: ['pending', 'processed', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbound_messages_dedupe_key_uq').on(t.dedupeKey),
    index('inbound_messages_pending_idx').on(t.conversationKey, t.id).where(sql`${t.status} = 'pending'`),
    check(
      'inbound_messages_payload_present',
      sql`${t.payload} is not null or ${t.payloadSealed} is not null`,
    ),
  ],
);

/**
 * Conversation state per user and channel. `stateVersion` lets a deploy discard state written
 * by an incompatible flow; `turn` counts the turns processed for the user.
 */
export const conversations = pgTable('conversations', {
  conversationKey: text('conversation_key').primaryKey(),
  state: jsonb('state').notNull(),
  stateVersion: integer('state_version').notNull(),
  turn: integer('turn').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Everything the product sends, written in the same transaction as the change that caused it.
 * The dispatcher claims pending rows (a lease in `lockedUntil`), sends them part by part and
 * records the outcome; a row is `dead` after its last attempt or a permanent error.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: ['app', 'kf', 'appchat'] }).notNull(),
    /** WeCom userid (app), external_userid (微信客服) or chatid (appchat: a group chat the app created). */
    recipient: text('recipient').notNull(),
    /** The 微信客服 account a kf message goes out through. */
    openKfId: text('open_kfid'),
    /** Channel-neutral reply model; rendered per channel when sent. */
    body: jsonb('body').notNull(),
    causedByInboundId: bigint('caused_by_inbound_id', { mode: 'number' }),
    /** `held`: a 微信客服 reply waiting for the resident to write again (5 messages / 48 h window). */
    status: text('status', { enum: ['pending', 'sent', 'dead', 'held'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Who holds the lease: every update of a claimed row is fenced on it. */
    leaseToken: text('lease_token'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.channel, t.recipient, t.id).where(sql`${t.status} = 'pending'`)],
);

/**
 * One WeCom API call made for an outbox row (a long text goes out in several parts). The unique
 * (outbox, part) means a resumed row never re-sends a part already acknowledged; the rows also
 * feed the per-recipient and per-app send-rate windows.
 */
export const outboxSends = pgTable(
  'outbox_sends',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    part: integer('part').notNull(),
    channel: text('channel', { enum: ['app', 'kf', 'appchat'] }).notNull(),
    recipient: text('recipient').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** WeCom's msgid (needed for recall within 24 h). */
    wecomMsgId: text('wecom_msgid'),
    /** Recipients WeCom reported as invalid in a 200 answer (`invaliduser`, `|`-separated). */
    invalidUsers: text('invalid_users'),
  },
  (t) => [
    uniqueIndex('outbox_sends_part_uq').on(t.outboxId, t.part),
    index('outbox_sends_window_idx').on(t.channel, t.recipient, t.sentAt),
    index('outbox_sends_time_idx').on(t.sentAt),
  ],
);

/**
 * Interactive template cards: the task_id of each send and the one-shot response codes WeCom gives
 * for it (on send, and again on each click). A code is used at most once and treated as expired
 * after 24 h (docs/wecom.md §2.5).
 */
export const cardResponseCodes = pgTable(
  'card_response_codes',
  {
    responseCode: text('response_code').primaryKey(),
    taskId: text('task_id').notNull(),
    userId: text('user_id'),
    source: text('source', { enum: ['send', 'click'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('card_response_codes_task_idx').on(t.taskId, t.userId)],
);

/** Access tokens shared by every instance (one per corp and app secret). */
export const wecomAccessTokens = pgTable('wecom_access_tokens', {
  cacheKey: text('cache_key').primaryKey(),
  accessToken: text('access_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
});

/** 微信客服 sync_msg cursor per account, advanced only after the pulled messages are committed. */
export const kfCursors = pgTable('kf_cursors', {
  openKfId: text('open_kfid').primaryKey(),
  cursor: text('cursor').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

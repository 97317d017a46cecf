/** Staff, residents' files and hand-offs, and the notices archived with each case. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Staff: a WeCom user id with a role and the township whose cases they may touch (none for the
 * bureau and admins). Anyone not listed, or listed inactive, is served as a resident.
 */
export const staffMembers = pgTable(
  'staff_members',
  {
    userId: text('user_id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', {
      enum: ['village_committee', 'township_caseworker', 'coordination_member', 'bureau_supervisor', 'admin'],
    }).notNull(),
    townshipId: text('township_id'),
    /** 协调小组 position (e.g. 民政分管领导, 纪委书记, 民政工作负责人), for coordination members. */
    position: text('position'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_members_township_role_idx').on(t.townshipId, t.role)],
);

/**
 * A photo or file a resident sent: recorded in the turn that received it, then fetched through
 * media/get at once (media ids expire after 3 days) and kept under DATA_DIR. One row per inbound
 * message, so a redelivery never stores it twice.
 */
export const residentFiles = pgTable(
  'resident_files',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    inboundId: bigint('inbound_id', { mode: 'number' }).notNull(),
    channel: text('channel', { enum: ['app', 'kf'] }).notNull(),
    userId: text('user_id').notNull(),
    caseId: text('case_id'),
    /** The material it is (catalogue id, from the case's checklist), or null until staff tag it. */
    materialId: text('material_id'),
    /** The printed document this is the signed (or posted) copy of (`签字件 <编号> <序号>`). */
    signedDocument: text('signed_document'),
    /** Who tagged it with the material, and when (`标记 <编号> <序号>`). */
    taggedBy: text('tagged_by'),
    taggedAt: timestamp('tagged_at', { withTimezone: true }),
    msgType: text('msg_type').notNull(),
    mediaId: text('media_id').notNull(),
    status: text('status', { enum: ['pending', 'stored', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    storagePath: text('storage_path'),
    contentType: text('content_type'),
    bytes: integer('bytes'),
    sha256: text('sha256'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    storedAt: timestamp('stored_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('resident_files_inbound_uq').on(t.inboundId),
    index('resident_files_pending_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('resident_files_case_idx').on(t.caseId),
  ],
);

/**
 * A resident's question handed to township caseworkers (the bot could not answer, or the resident
 * asked for a person). Kept until a caseworker answers, so no question is lost.
 */
export const handoffs = pgTable(
  'handoffs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: ['app', 'kf'] }).notNull(),
    userId: text('user_id').notNull(),
    openKfId: text('open_kfid'),
    townshipId: text('township_id').notNull(),
    question: text('question').notNull(),
    status: text('status', { enum: ['open', 'answered'] })
      .notNull()
      .default('open'),
    /** How many caseworkers were notified (0: none registered for the township yet). */
    notified: integer('notified').notNull().default(0),
    /** The resident's case in that township when they asked (the caseworker's reference), if any. */
    caseId: text('case_id'),
    /** Who answered last, and when (every answer is kept in `handoff_answers`). */
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('handoffs_township_status_idx').on(t.townshipId, t.status)],
);

/**
 * A caseworker's answer to a hand-off (`回复 <编号> <text>`), as sent to the resident: who, when,
 * and what became of it — queued, sent, held (微信客服 window closed: delivered when the resident
 * writes again) or failed. The answering caseworker is told when it changes.
 */
export const handoffAnswers = pgTable(
  'handoff_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    handoffId: bigint('handoff_id', { mode: 'number' }).notNull(),
    staffId: text('staff_id').notNull(),
    text: text('text').notNull(),
    delivery: text('delivery', { enum: ['queued', 'sent', 'held', 'failed'] })
      .notNull()
      .default('queued'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('handoff_answers_handoff_idx').on(t.handoffId)],
);

/**
 * Every notice sent for a case, archived as sent: the text, the template id and version it was
 * rendered from, and the recipient, so the exact notice can be reproduced later.
 */
export const caseNotices = pgTable(
  'case_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id').notNull(),
    kind: text('kind').notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    text: text('text').notNull(),
    recipient: text('recipient'),
    /** Structured content (e.g. the material ids of a one-time notice), for later checks. */
    payload: jsonb('payload').notNull().default({}),
    caseSeq: integer('case_seq'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_notices_case_idx').on(t.caseId)],
);

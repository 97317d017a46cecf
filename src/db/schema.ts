import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Legacy: the validated message in clear, from rows stored before payloads were sealed. New
     * rows leave it null; a pass at start seals what is left (see src/inbox/inbound-payload.ts).
     */
    payload: jsonb('payload'),
    /**
     * The validated decrypted message (JSON, every value a string as WeCom sent it), sealed with
     * the PII key: a resident may type an ID number or phone into any message.
     */
    payloadSealed: text('payload_sealed'),
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
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
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
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Who holds the lease: every update of a claimed row is fenced on it. */
    leaseToken: text('lease_token'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
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
 * after 24 h (WECOM.md §2.5).
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

/** 乡镇/街道/开发区: the tenant of every case (四). */
export const townships = pgTable('townships', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['town', 'subdistrict', 'development_zone'] }).notNull(),
});

/**
 * A case: one application (or dynamic-management change) of one household, owned by the township
 * of 户籍. Identifiers are sealed (AES-256-GCM, key id inside) with a keyed hash for lookups.
 */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    program: text('program', { enum: ['dibao', 'tekun', 'linshi'] }).notNull(),
    businessType: text('business_type').notNull(),
    temporaryAidKind: text('temporary_aid_kind', { enum: ['emergency', 'expenditure'] }),
    townshipId: text('township_id').notNull(),
    residenceTownshipId: text('residence_township_id'),
    state: text('state').notNull(),
    submittedBy: text('submitted_by', { enum: ['self', 'village_committee'] }).notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdSealed: text('applicant_id_sealed').notNull(),
    applicantIdHash: text('applicant_id_hash').notNull(),
    applicantPhoneSealed: text('applicant_phone_sealed'),
    applicantPhoneHash: text('applicant_phone_hash'),
    /** Where the applicant talks to us (a resident who applied in chat): status answers and notices go there. */
    applicantUserId: text('applicant_user_id'),
    applicantChannel: text('applicant_channel', { enum: ['app', 'kf'] }),
    applicantOpenKfId: text('applicant_open_kfid'),
    /** What the applicant told us (income items, assets, circumstances), as submitted; sealed like the ID. */
    applicationSealed: text('application_sealed'),
    householdSize: integer('household_size').notNull(),
    nearRelativeDeclared: boolean('near_relative_declared').notNull().default(false),
    nearRelativeDetected: boolean('near_relative_detected').notNull().default(false),
    nearRelativeFiled: boolean('near_relative_filed').notNull().default(false),
    hivTagged: boolean('hiv_tagged').notNull().default(false),
    /** What the review or meeting decided: approved, rejected, adjusted or stopped. */
    outcome: text('outcome', { enum: ['approved', 'rejected', 'adjusted', 'stopped'] }),
    acceptedOn: text('accepted_on'),
    /** Monthly for 低保/特困; the one-time total for 临时救助. */
    amountFenPerMonth: integer('amount_fen_per_month'),
    startMonth: text('start_month'),
    /** Events applied so far; a step names the version it saw, so two concurrent steps cannot both win. */
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('cases_township_state_idx').on(t.townshipId, t.state),
    index('cases_applicant_id_hash_idx').on(t.applicantIdHash),
    index('cases_applicant_user_idx').on(t.applicantUserId),
  ],
);

/** Household members (家庭成员) of a case; their ID numbers sealed like the applicant's. */
export const caseMembers = pgTable(
  'case_members',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id').notNull(),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    idSealed: text('id_sealed'),
    idHash: text('id_hash'),
    circumstances: jsonb('circumstances').notNull().default([]),
  },
  (t) => [index('case_members_case_idx').on(t.caseId), index('case_members_id_hash_idx').on(t.idHash)],
);

/**
 * The audit trail: every step of every case, append-only. The code has no update or delete path
 * for it, and a database trigger refuses both (migration 0004).
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id').notNull(),
    seq: integer('seq').notNull(),
    eventType: text('event_type').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    actorTownship: text('actor_township'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    payload: jsonb('payload').notNull(),
    /** Versions of every rule value used (limits, standards, calendar), to explain the step later. */
    ruleVersions: jsonb('rule_versions').notNull().default({}),
  },
  (t) => [uniqueIndex('case_events_case_seq_uq').on(t.caseId, t.seq)],
);

/**
 * Deadlines and their warning points, one row per timer with a deterministic id
 * (`decision.<caseId>`), so a re-run recomputes instead of duplicating; cron sweeps this table.
 */
export const dueTimers = pgTable(
  'due_timers',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    kind: text('kind').notNull(),
    dueOn: text('due_on').notNull(),
    warnOn: jsonb('warn_on').notNull().default([]),
    provisional: boolean('provisional').notNull().default(false),
    calendarVersion: text('calendar_version').notNull(),
    /** The whole timer spec (anchor, period, citations), to extend or recompute it later. */
    spec: jsonb('spec').notNull().default({}),
    status: text('status', { enum: ['open', 'done', 'cancelled'] })
      .notNull()
      .default('open'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('due_timers_open_idx').on(t.dueOn).where(sql`${t.status} = 'open'`),
    index('due_timers_case_idx').on(t.caseId),
  ],
);

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
    /** The material it was sent for (catalogue id), or null when the resident did not say. */
    materialId: text('material_id'),
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('handoffs_township_status_idx').on(t.townshipId, t.status)],
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

/**
 * Every alert and digest sent by the deadline jobs, under a deterministic key (e.g.
 * `warn:decision.<case>:3`): the unique key makes each alert once-only across re-runs and instances.
 */
export const alertsSent = pgTable(
  'alerts_sent',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    caseId: text('case_id'),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('alerts_sent_key_uq').on(t.key, t.recipient)],
);

/**
 * One row per scheduled job and tick (`daily-digest` @ `2026-11-27`): the job runs a tick once
 * across instances, and a tick missed while the server was down is found and caught up at start.
 */
export const cronRuns = pgTable(
  'cron_runs',
  {
    job: text('job').notNull(),
    tick: text('tick').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    summary: jsonb('summary').notNull().default({}),
    error: text('error'),
  },
  (t) => [uniqueIndex('cron_runs_job_tick_uq').on(t.job, t.tick)],
);

/** 评审合议会: a township's review meeting, its agenda (cases) and organiser. */
export const meetings = pgTable(
  'meetings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townshipId: text('township_id').notNull(),
    organiserId: text('organiser_id').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    agenda: jsonb('agenda').notNull().default([]),
    status: text('status', { enum: ['scheduled', 'held', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('meetings_township_idx').on(t.townshipId, t.heldAt)],
);

/** An invitation to a meeting: the card sent, the member's answer (参加 / 请假) and reminders. */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    taskId: text('task_id').notNull(),
    answer: text('answer', { enum: ['pending', 'attend', 'decline'] })
      .notNull()
      .default('pending'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('meeting_invitations_member_uq').on(t.meetingId, t.userId),
    uniqueIndex('meeting_invitations_task_uq').on(t.taskId),
  ],
);

/** 预警: bureau warning data imported for re-check, with the deadline the bureau set. */
export const bureauWarnings = pgTable(
  'bureau_warnings',
  {
    id: text('id').primaryKey(),
    townshipId: text('township_id').notNull(),
    caseId: text('case_id'),
    subjectIdHash: text('subject_id_hash').notNull(),
    reason: text('reason').notNull(),
    receivedOn: text('received_on').notNull(),
    dueOn: text('due_on').notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('bureau_warnings_open_idx').on(t.townshipId, t.dueOn).where(sql`${t.status} = 'open'`)],
);

/** 六(六) spot checks: a reproducible sample of cases, findings and rectification tracked to closure. */
export const spotChecks = pgTable(
  'spot_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    batch: text('batch').notNull(),
    seed: text('seed').notNull(),
    caseId: text('case_id').notNull(),
    townshipId: text('township_id').notNull(),
    findings: text('findings'),
    rectifyBy: text('rectify_by'),
    status: text('status', { enum: ['sampled', 'passed', 'rectifying', 'closed'] })
      .notNull()
      .default('sampled'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('spot_checks_batch_case_uq').on(t.batch, t.caseId)],
);

/** Monthly reports (月报表) generated, per township and month, with the file kept under DATA_DIR. */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    month: text('month').notNull(),
    townshipId: text('township_id').notNull(),
    storagePath: text('storage_path').notNull(),
    figures: jsonb('figures').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('monthly_reports_month_township_uq').on(t.month, t.townshipId)],
);

/**
 * Every read of a full ID number or phone (the staff case view shows them masked): who read which
 * field of which case, when, and why. Append-only like the case events.
 */
export const piiReads = pgTable(
  'pii_reads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    readerId: text('reader_id').notNull(),
    readerRole: text('reader_role').notNull(),
    readerTownship: text('reader_township'),
    caseId: text('case_id').notNull(),
    field: text('field', { enum: ['applicant_id', 'applicant_phone'] }).notNull(),
    purpose: text('purpose').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pii_reads_case_idx').on(t.caseId, t.at), index('pii_reads_reader_idx').on(t.readerId, t.at)],
);

export const schema = {
  inboundMessages,
  conversations,
  outbox,
  outboxSends,
  cardResponseCodes,
  wecomAccessTokens,
  kfCursors,
  townships,
  cases,
  caseMembers,
  caseEvents,
  dueTimers,
  staffMembers,
  residentFiles,
  handoffs,
  caseNotices,
  alertsSent,
  cronRuns,
  meetings,
  meetingInvitations,
  bureauWarnings,
  spotChecks,
  monthlyReports,
  piiReads,
};
export type Schema = typeof schema;

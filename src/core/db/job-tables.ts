/** Scheduled work and the bureau: alerts and job ticks, meetings, warnings, spot checks, reports, full-ID reads. */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
    /** Who cancelled a meeting that did not sit, when and why (told to every invitee). */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
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
    /** What was read: the full ID number, the phone, or a file the resident sent (its id in `purpose`). */
    field: text('field', { enum: ['applicant_id', 'applicant_phone', 'resident_file'] }).notNull(),
    purpose: text('purpose').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pii_reads_case_idx').on(t.caseId, t.at), index('pii_reads_reader_idx').on(t.readerId, t.at)],
);

/** Townships and cases: the case, its members, its append-only history and its deadlines. */
import { sql } from 'drizzle-orm';
import {
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
    /**
     * The declared village, kept apart so the 待办 filter need not open every declaration: its
     * keyed hash to filter on, and the name sealed on its own to show it. Written with the case
     * (and at start-up for cases declared before); '' in `village_sealed` when the declaration
     * names none, null when not tagged yet.
     */
    villageHash: text('village_hash'),
    villageSealed: text('village_sealed'),
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
    // Program last: the dashboard counts by township, step and program from the index alone.
    index('cases_township_state_program_idx').on(t.townshipId, t.state, t.program),
    index('cases_residence_township_idx')
      .on(t.residenceTownshipId)
      .where(sql`${t.residenceTownshipId} is not null`),
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
  (t) => [
    uniqueIndex('case_events_case_seq_uq').on(t.caseId, t.seq),
    // Decisions per month on the dashboard: a range of a few event types, not the whole history.
    index('case_events_type_at_idx').on(t.eventType, t.at),
  ],
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
    /**
     * The case's township (户籍), copied: a case never changes township, and the dashboard counts
     * deadlines per township without joining every case. Null only on a row written before it.
     */
    townshipId: text('township_id'),
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
    // A case's nearest open deadline (待办) read from the index alone.
    index('due_timers_case_open_idx').on(t.caseId, t.dueOn, t.kind).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * Every document generated from a case (issue 19): which template and version, the file's SHA-256
 * and where it is kept under DATA_DIR, who asked for it and when — so a printed paper can be
 * matched to what the record said when it was printed.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id').notNull(),
    /** A document kind (申请书, 入户调查表, …) or `case_archive`. */
    kind: text('kind').notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    sha256: text('sha256').notNull(),
    pages: integer('pages').notNull(),
    bytes: integer('bytes').notNull(),
    /** Relative to DATA_DIR. */
    storagePath: text('storage_path').notNull(),
    generatedBy: text('generated_by').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_documents_case_idx').on(t.caseId, t.kind)],
);

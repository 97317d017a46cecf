import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import type { AlertJobDeps } from '../../src/core/alerting/alert-deps';
import { timerEffects } from '../../src/core/cases/case-effects';
import { createCase } from '../../src/core/cases/case-records';
import { stepCase } from '../../src/core/cases/case-steps';
import { createStepRules } from '../../src/core/cases/step-rules';
import { loadWorkingDayCalendar } from '../../src/core/config/load-holiday-overrides';
import { loadParameters } from '../../src/core/config/load-parameters';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import type { Database, Db } from '../../src/core/db/database';
import { openPostgres } from '../../src/core/db/open-postgres';
import { queryRows } from '../../src/core/db/raw-query';
import { alertsSent, cases, outbox } from '../../src/core/db/schema';
import { projectRoot } from '../../src/core/project-root';
import { type StaffInput, saveStaff } from '../../src/core/staff/staff-directory';
import { TemplateStore } from '../../src/core/templates/template-store';
import { addCalendarDays, type LocalDate, toLocalDate } from '../../src/domain/calendar';
import type { Actor } from '../../src/domain/case/case-types';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/deadlines';
import type { WorkflowEvent } from '../../src/domain/workflow/workflow-events';
import { captureLogs } from '../support/log-capture';

export const calendar = loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays'));
export const templates = new TemplateStore();
const cipher = new PiiCipher(randomBytes(32));
const stepRules = createStepRules(calendar, DEFAULT_DEADLINE_RULES, loadParameters());
const effects = timerEffects(calendar, DEFAULT_DEADLINE_RULES);

export const TOWNSHIPS = [
  { id: 'pingan', name: '平安镇', kind: 'town' as const },
  { id: 'fate', name: '法特镇', kind: 'town' as const },
];

/** `HH:MM` in Shanghai on `day` as an instant. */
export const shanghai = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);

/**
 * A second connection to the same database, as a second instance would have: on PostgreSQL a new
 * pool on the same schema; PGlite has one connection, so the same database.
 */
export async function secondConnection(database: Database): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (database.kind === 'pglite' || !url) return database;
  const [row] = await queryRows<{ schema: string }>(database.db, sql`select current_schema() as schema`);
  return openPostgres({ url, searchPath: row!.schema, poolSize: 4 });
}

export async function addStaff(db: Db, staff: readonly StaffInput[], now = shanghai('2026-09-01')) {
  for (const member of staff) {
    const saved = await saveStaff(db, member, now);
    if (!saved.ok) throw new Error(`staff ${member.userId}: ${saved.problem}`);
  }
}

/**
 * A 低保 case registered by the township's caseworker and accepted at `at`. `hivTagged`: tagged
 * after acceptance (the workflow refuses township steps on a tagged case, so that is the only way
 * one can hold open township timers).
 */
export async function acceptedCase(
  db: Db,
  id: string,
  townshipId: string,
  at: Date,
  options: { hivTagged?: boolean; name?: string } = {},
): Promise<void> {
  const actor: Actor = { id: `cw-${townshipId}`, role: 'township_caseworker', township: townshipId };
  const created = await createCase(
    db,
    cipher,
    {
      id,
      program: 'dibao',
      businessType: 'new',
      townshipId,
      submittedBy: 'village_committee',
      applicant: { name: options.name ?? '赵六', idNumber: '220282198001011231' },
      members: [],
      nearRelativeDeclared: false,
      hivTagged: false,
    },
    actor,
    at,
  );
  if (!created.ok) throw new Error(`case ${id}: ${created.code}`);
  const accepted = await stepCase(
    db,
    { caseId: id, actor, event: { type: 'accept' } },
    stepRules,
    effects,
    at,
  );
  if (!accepted.ok) throw new Error(`accept ${id}: ${accepted.code}`);
  if (options.hivTagged) await db.update(cases).set({ hivTagged: true }).where(eq(cases.id, id));
}

/** One workflow step on a case as its township's caseworker; throws when refused. */
export async function step(db: Db, caseId: string, townshipId: string, event: WorkflowEvent, at: Date) {
  const actor: Actor = { id: `cw-${townshipId}`, role: 'township_caseworker', township: townshipId };
  const outcome = await stepCase(db, { caseId, actor, event }, stepRules, effects, at);
  if (!outcome.ok) throw new Error(`${event.type} ${caseId}: ${outcome.code}`);
}

export function alertDeps(db: Db, extra: Partial<AlertJobDeps> = {}): AlertJobDeps {
  return { db, calendar, templates, log: captureLogs().log, townships: TOWNSHIPS, ...extra };
}

export async function sentAlerts(db: Db) {
  return db
    .select()
    .from(alertsSent)
    .orderBy(asc(alertsSent.createdAt), asc(alertsSent.key), asc(alertsSent.recipient));
}

export async function outboxRows(db: Db) {
  return db.select().from(outbox).orderBy(asc(outbox.id));
}

/** The text of an outbox row (a reply model). */
export function textOf(row: { body: unknown }): string {
  return (row.body as { text: { text: string } }).text.text;
}

/** Every calendar day from `from` to `to`, inclusive. */
export function everyDay(from: string, to: string): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = toLocalDate(from); d <= to; d = addCalendarDays(d, 1)) days.push(d);
  return days;
}

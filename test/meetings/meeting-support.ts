import path from 'node:path';
import { eq } from 'drizzle-orm';
import { timerEffects } from '../../src/core/cases/case-effects';
import { createCase } from '../../src/core/cases/case-records';
import { stepCase } from '../../src/core/cases/case-steps';
import { createStepRules } from '../../src/core/cases/step-rules';
import { loadWorkingDayCalendar } from '../../src/core/config/load-holiday-overrides';
import { loadParameters } from '../../src/core/config/load-parameters';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import type { Db } from '../../src/core/db/database';
import { cases, staffMembers } from '../../src/core/db/schema';
import { projectRoot } from '../../src/core/project-root';
import { shanghaiDate } from '../../src/domain/calendar';
import type { Actor } from '../../src/domain/case/case-types';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/deadlines';
import type { WorkflowEvent } from '../../src/domain/workflow/workflow-events';
import type { RecordedSend } from '../../src/sandbox/fake-wecom/fake-types';
import { TEST_PII_KEY } from '../support/test-service';

const calendar = loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays'));
const rules = createStepRules(calendar, DEFAULT_DEADLINE_RULES, loadParameters());
// Set-up steps need their timers, not their notices (those are tested with the resident flows).
const effects = timerEffects(calendar, DEFAULT_DEADLINE_RULES);
const cipher = new PiiCipher(TEST_PII_KEY);

export type StaffRole = 'township_caseworker' | 'coordination_member' | 'village_committee';

export async function seedStaff(
  db: Db,
  rows: {
    userId: string;
    name: string;
    role: StaffRole;
    townshipId: string;
    position?: string;
    active?: boolean;
  }[],
  now: Date,
): Promise<void> {
  await db.insert(staffMembers).values(
    rows.map((r) => ({
      userId: r.userId,
      name: r.name,
      role: r.role,
      townshipId: r.townshipId,
      position: r.position ?? null,
      active: r.active ?? true,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

async function step(db: Db, caseId: string, actor: Actor, event: WorkflowEvent, now: Date): Promise<void> {
  const result = await stepCase(db, { caseId, actor, event }, rules, effects, now);
  if (!result.ok)
    throw new Error(`${caseId} ${event.type}: ${result.code} ${'detail' in result ? result.detail : ''}`);
}

/**
 * A 低保 application taken through the real procedure up to publicity (六(一)–六(三)): accepted,
 * verified, visited by two signing caseworkers, appraisal skipped (undisputed), reviewed eligible,
 * publicity started today. `endPublicity` finishes it once the 7 days are over.
 */
export async function caseInPublicity(
  db: Db,
  input: { id: string; township: string; name: string; idNumber: string; visitors: [string, string] },
  now: Date,
): Promise<Actor> {
  const actor: Actor = { id: input.visitors[0], role: 'township_caseworker', township: input.township };
  const created = await createCase(
    db,
    cipher,
    {
      id: input.id,
      program: 'dibao',
      businessType: 'new',
      townshipId: input.township,
      submittedBy: 'self',
      applicant: { name: input.name, idNumber: input.idNumber, phone: '13904321234' },
      members: [{ name: '李娜', relation: '妻子' }],
      nearRelativeDeclared: false,
      hivTagged: false,
      declaration: { incomeFen: 150000 },
    },
    actor,
    now,
  );
  if (!created.ok) throw new Error(`case ${input.id} not created: ${created.code}`);
  const today = shanghaiDate(now);
  await step(db, input.id, actor, { type: 'accept' }, now);
  await step(db, input.id, actor, { type: 'record_verification', summary: '省平台核对无异常' }, now);
  await step(
    db,
    input.id,
    actor,
    {
      type: 'record_home_visit',
      visit: {
        visitedOn: today,
        staff: input.visitors.map((staffId) => ({ staffId, township: input.township, signed: true })),
        findings: '家庭人口2人，无车辆',
      },
    },
    now,
  );
  await step(db, input.id, actor, { type: 'skip_appraisal', reason: '申请无争议' }, now);
  await step(
    db,
    input.id,
    actor,
    { type: 'review_eligible', opinion: '符合低保条件', proposedAmountFen: 45_000 },
    now,
  );
  await step(db, input.id, actor, { type: 'start_publicity', startsOn: today }, now);
  return actor;
}

export async function endPublicity(db: Db, caseId: string, actor: Actor, now: Date): Promise<void> {
  await step(db, caseId, actor, { type: 'end_publicity', endedOn: shanghaiDate(now) }, now);
}

export async function caseRow(db: Db, id: string) {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row!;
}

/** The words of a message as sent (text content, card titles and button texts). */
export function wordsOf(send: RecordedSend): string {
  const parts: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (['content', 'desc', 'title', 'text'].includes(key)) parts.push(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
  };
  walk(send.body, '');
  return parts.join('\n');
}

/** The template card of a send, if it is one. */
export function cardOf(
  send: RecordedSend,
): { task_id?: string; button_list?: { key?: string; text: string }[] } | undefined {
  const body = send.body as {
    msgtype?: string;
    template_card?: { task_id?: string; button_list?: { key?: string; text: string }[] };
  };
  return body.msgtype === 'template_card' ? body.template_card : undefined;
}

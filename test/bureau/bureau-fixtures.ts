import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { timerEffects } from '../../src/core/cases/case-effects';
import { composeEffects, noticeEffects } from '../../src/core/cases/case-notices';
import { createCase } from '../../src/core/cases/case-records';
import { type StepRules, stepCase } from '../../src/core/cases/case-steps';
import { loadTownships } from '../../src/core/config/load-townships';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import type { Db } from '../../src/core/db/database';
import { cases } from '../../src/core/db/schema';
import { TemplateStore } from '../../src/core/templates/template-store';
import { createWorkingDayCalendar, shanghaiDate } from '../../src/domain/calendar';
import type { Actor, Program, TemporaryAidKind } from '../../src/domain/case/case-types';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/deadlines';
import type { WorkflowEvent } from '../../src/domain/workflow/workflow-events';

export const townships = loadTownships();
export const templates = new TemplateStore();
export const cipher = new PiiCipher(randomBytes(32));
export const calendar = createWorkingDayCalendar();
export const effects = composeEffects(
  timerEffects(calendar, DEFAULT_DEADLINE_RULES),
  noticeEffects(templates, townships),
);
export const rules: StepRules = {
  today: shanghaiDate,
  extensionCapWorkingDays: (program) => DEFAULT_DEADLINE_RULES.decision.maxDays[program],
  dibaoStandard: () => undefined,
  temporaryAidVerdict: () => ({ verdict: 'within', detail: 'test' }),
  minimums: () => ({ homeVisitStaff: 2, meetingParticipants: 5 }),
  versions: () => ({ deadlines: DEFAULT_DEADLINE_RULES.version, calendar: calendar.version }),
};

/** 10:00 in Shanghai on the given day. */
export const at = (day: string) => new Date(`${day}T02:00:00Z`);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 number, distinct per `n` (born 1980-01-01 in 220283, 舒兰市). */
export function idNumber(n: number): string {
  const body = `22028319800101${String(n).padStart(3, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

export const caseworker = (township: string): Actor => ({
  id: `cw-${township}`,
  role: 'township_caseworker',
  township,
});

export interface TestCase {
  id: string;
  township: string;
  program?: Program;
  businessType?: string;
  temporaryAidKind?: TemporaryAidKind;
  idNumber: string;
  nearRelativeDeclared?: boolean;
  submittedBy?: 'self' | 'village_committee';
}

export async function newCase(db: Db, c: TestCase, createdAt: Date): Promise<void> {
  const result = await createCase(
    db,
    cipher,
    {
      id: c.id,
      program: c.program ?? 'dibao',
      businessType: c.businessType ?? 'new',
      ...(c.temporaryAidKind ? { temporaryAidKind: c.temporaryAidKind } : {}),
      townshipId: c.township,
      submittedBy: c.submittedBy ?? 'self',
      applicant: { name: 'applicant', idNumber: c.idNumber },
      members: [],
      nearRelativeDeclared: c.nearRelativeDeclared ?? false,
      hivTagged: false,
    },
    caseworker(c.township),
    createdAt,
  );
  if (!result.ok) throw new Error(`createCase ${c.id}: ${JSON.stringify(result)}`);
}

export async function step(db: Db, caseId: string, township: string, event: WorkflowEvent, now: Date) {
  const result = await stepCase(db, { caseId, actor: caseworker(township), event }, rules, effects, now);
  if (!result.ok) throw new Error(`${caseId} ${event.type}: ${JSON.stringify(result)}`);
  return result;
}

const nextMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

export const meeting = (heldOn: string) => ({
  heldOn,
  minutesRef: `minutes-${heldOn}`,
  participants: ['a', 'b', 'c', 'd', 'e'].map((personId) => ({ personId, confirmed: true })),
});

/** Accepts on `acceptOn` and investigates up to the stage named. */
export async function investigate(
  db: Db,
  c: TestCase,
  days: { acceptOn: string; investigateOn?: string },
  until: 'accepted' | 'verified' | 'appraised',
): Promise<void> {
  await newCase(db, c, at(days.acceptOn));
  if (c.nearRelativeDeclared) {
    await step(
      db,
      c.id,
      c.township,
      { type: 'record_near_relative_filing', formRef: 'form-1' },
      at(days.acceptOn),
    );
    // The step service records the event but not `cases.near_relative_filed`, which the acceptance
    // guard reads; set it as the step should have.
    await db.update(cases).set({ nearRelativeFiled: true }).where(eq(cases.id, c.id));
  }
  await step(db, c.id, c.township, { type: 'accept' }, at(days.acceptOn));
  if (until === 'accepted') return;
  const day = days.investigateOn ?? days.acceptOn;
  await step(db, c.id, c.township, { type: 'record_verification', summary: 'ok' }, at(day));
  if (until === 'verified') return;
  await step(
    db,
    c.id,
    c.township,
    {
      type: 'record_home_visit',
      visit: {
        visitedOn: day,
        findings: 'ok',
        staff: [
          { staffId: 's1', township: c.township, signed: true },
          { staffId: 's2', township: c.township, signed: true },
        ],
      },
    },
    at(day),
  );
  await step(db, c.id, c.township, { type: 'skip_appraisal', reason: 'undisputed' }, at(day));
}

/**
 * A case through the whole procedure: accepted on `acceptOn`, investigated and publicised from
 * `publicityOn` (7 days), and decided by the meeting at the instant `decideAt`.
 */
export async function decidedCase(
  db: Db,
  c: TestCase,
  days: { acceptOn: string; publicityOn: string; decideAt: Date },
  decision: { kind: 'approve'; amountFen: number } | { kind: 'reject' } | { kind: 'ineligible' },
): Promise<void> {
  await investigate(db, c, { acceptOn: days.acceptOn, investigateOn: days.publicityOn }, 'appraised');
  const publicityOn = days.publicityOn;
  if (decision.kind === 'ineligible') {
    await step(db, c.id, c.township, { type: 'review_ineligible', reasons: ['income above'] }, days.decideAt);
    return;
  }
  await step(
    db,
    c.id,
    c.township,
    { type: 'review_eligible', opinion: 'eligible', proposedAmountFen: 45_000 },
    at(publicityOn),
  );
  await step(db, c.id, c.township, { type: 'start_publicity', startsOn: publicityOn }, at(publicityOn));
  // The publicity timer's last day is the 7th day after the start; it may end the day after.
  const ended = shanghaiDate(new Date(at(publicityOn).getTime() + 8 * 86_400_000));
  await step(db, c.id, c.township, { type: 'end_publicity', endedOn: ended }, at(ended));
  const day = shanghaiDate(days.decideAt);
  const event: WorkflowEvent =
    decision.kind === 'approve'
      ? {
          type: 'decide_approve',
          meeting: meeting(day),
          amountFen: decision.amountFen,
          startMonth: nextMonth(day),
          householdSize: 1,
        }
      : { type: 'decide_reject', meeting: meeting(day), reasons: ['income above'] };
  await step(db, c.id, c.township, event, days.decideAt);
}

/**
 * Puts an approved case into payment. The workflow would go file_with_bureau → bureau_accepts_filing,
 * but the step service does not record `cases.outcome`, which that transition needs; set directly.
 */
export async function putInPayment(db: Db, caseId: string): Promise<void> {
  await db.update(cases).set({ state: 'in_payment', outcome: 'approved' }).where(eq(cases.id, caseId));
}

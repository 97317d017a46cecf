import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, CaseFacts, Program } from '../../domain/case/case-types';
import type { MaterialId } from '../../domain/materials/material-types';
import type { DibaoArea } from '../../domain/rules/dibao-gap';
import { applyEvent, type StepResult } from '../../domain/workflow/apply-event';
import type { CaseState } from '../../domain/workflow/case-states';
import type { GuardContext } from '../../domain/workflow/guard-types';
import type { Effect } from '../../domain/workflow/transition-table';
import type { WorkflowEvent } from '../../domain/workflow/workflow-events';
import type { Db } from '../db/database';
import { caseEvents, cases, dueTimers } from '../db/schema';
import { type CaseRow, factsOf } from './case-records';

/** The rule values a step may need, with their versions (so the decision can be explained later). */
export interface StepRules {
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today(now: Date): string;
  extensionCapWorkingDays(program: Program): number;
  /** 三(四) verdict on a 临时救助 amount for the household size the meeting confirmed. */
  temporaryAidVerdict(
    facts: CaseFacts,
    amountFen: number,
    persons: number,
    today: string,
  ): GuardContext['temporaryAidVerdict'];
  /** 低保: the monthly per-person standard of an area in force on that day (fen), when set. */
  dibaoStandard(area: DibaoArea, today: string): number | undefined;
  /** 六(二), 六(三): minimum home-visit staff and meeting participants in force on that day. */
  minimums(today: string): { homeVisitStaff: number; meetingParticipants: number };
  /** Versions of the rule values behind the step (parameters, calendar), stored with its audit entry. */
  versions(): Record<string, string>;
}

/** Effects run inside the step's transaction (timers, notices into the outbox, archive entries). */
export type EffectRunner = (
  tx: Db,
  row: CaseRow,
  effects: readonly Effect[],
  event: WorkflowEvent,
  now: Date,
) => Promise<void>;

export type StepOutcome =
  | { ok: true; caseId: string; from: CaseState; to: CaseState; seq: number; effects: readonly Effect[] }
  | { ok: false; code: 'case_not_found' | 'stale_version' }
  | Extract<StepResult, { ok: false }>;

/**
 * One procedural step on a case, all or nothing: lock the case, judge the step (applyEvent), then
 * in the same transaction write the new state, the audit entry and the step's effects. A caller
 * naming the version it saw gets `stale_version` if someone else acted first.
 */
export async function stepCase(
  db: Db,
  request: { caseId: string; actor: Actor; event: WorkflowEvent; expectedVersion?: number },
  rules: StepRules,
  runEffects: EffectRunner,
  now: Date,
): Promise<StepOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, request.caseId)).for('update');
    if (!row) return { ok: false, code: 'case_not_found' } as const;
    if (request.expectedVersion !== undefined && request.expectedVersion !== row.version) {
      return { ok: false, code: 'stale_version' } as const;
    }
    const facts = factsOf(row);
    const context = await guardContext(tx, row, facts, request.event, rules, now);
    const result = applyEvent(row.state as CaseState, facts, request.actor, request.event, context);
    if (!result.ok) return result;
    const seq = row.version + 2; // seq 1 is the submission
    const decided = decisionFields(request.event, context, row);
    await tx
      .update(cases)
      .set({
        state: result.to,
        version: sql`${cases.version} + 1`,
        updatedAt: now,
        ...decided,
      })
      .where(eq(cases.id, row.id));
    await tx.insert(caseEvents).values({
      caseId: row.id,
      seq,
      eventType: request.event.type,
      fromState: result.from,
      toState: result.to,
      actorId: request.actor.id,
      actorRole: request.actor.role,
      actorTownship: request.actor.township ?? null,
      at: now,
      reason: reasonOf(request.event),
      payload: request.event,
      ruleVersions: rules.versions(),
    });
    // Effects see the case as the step left it (state, acceptance day, amount).
    await runEffects(tx, { ...row, ...decided, state: result.to }, result.effects, request.event, now);
    return {
      ok: true,
      caseId: row.id,
      from: result.from,
      to: result.to,
      seq,
      effects: result.effects,
    } as const;
  });
}

async function guardContext(
  tx: Db,
  row: CaseRow,
  facts: CaseFacts,
  event: WorkflowEvent,
  rules: StepRules,
  now: Date,
): Promise<GuardContext> {
  const today = rules.today(now);
  const history = await tx
    .select({ type: caseEvents.eventType, payload: caseEvents.payload, at: caseEvents.at })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, row.id),
        inArray(caseEvents.eventType, ['request_materials', 'record_new_fact']),
      ),
    )
    .orderBy(asc(caseEvents.seq));
  const firstNotice = history.find((h) => h.type === 'request_materials');
  const facts_ = history
    .filter((h) => h.type === 'record_new_fact')
    .map((h) => ({
      ...(h.payload as { fact: { id: string; description: string; requires: MaterialId[] } }).fact,
      recordedAt: h.at,
    }));
  const timers = await tx
    .select()
    .from(dueTimers)
    .where(inArray(dueTimers.id, [`publicity.${row.id}`, `decision.${row.id}`]));
  const publicity = timers.find((t) => t.kind === 'publicity');
  const decision = timers.find((t) => t.kind === 'decision');
  const minimums = rules.minimums(today);
  const amount =
    event.type === 'decide_approve' ||
    event.type === 'decide_adjust' ||
    event.type === 'escalate' ||
    event.type === 'advance_aid'
      ? event
      : undefined;
  return {
    now,
    today,
    firstMaterialsNotice: firstNotice
      ? { issuedAt: firstNotice.at, items: (firstNotice.payload as { items: MaterialId[] }).items }
      : undefined,
    recordedNewFacts: facts_,
    publicityLastDay: publicity?.dueOn,
    temporaryAidVerdict: amount
      ? rules.temporaryAidVerdict(facts, amount.amountFen, amount.householdSize, today)
      : undefined,
    extensionCapWorkingDays: rules.extensionCapWorkingDays(row.program),
    dibaoStandardFen:
      event.type === 'review_eligible' && event.area ? rules.dibaoStandard(event.area, today) : undefined,
    decisionWorkingDays: (decision?.spec as { period?: { days?: number } } | undefined)?.period?.days ?? 30,
    minHomeVisitStaff: minimums.homeVisitStaff,
    minMeetingParticipants: minimums.meetingParticipants,
  };
}

/**
 * What a step records on the case row besides its state: the acceptance day, the decision's
 * outcome and amount (filing and dynamic management branch on them), and the facts the guards
 * read later (near-relative filing and detection, the HIV tag).
 */
function decisionFields(event: WorkflowEvent, context: GuardContext, row: CaseRow): Partial<CaseRow> {
  switch (event.type) {
    case 'accept':
      return { acceptedOn: context.today };
    // 先行救助: the one-time amount paid now; taken before acceptance, it is the acceptance (day 0).
    case 'advance_aid':
      return { acceptedOn: row.acceptedOn ?? context.today, amountFenPerMonth: event.amountFen };
    // 补办 done: the aid paid first stands confirmed; filing follows as for any approval.
    case 'complete_advance_records':
    // Found unfounded, the aid still was paid: filed as granted, the bureau told (bureau-effects).
    case 'advance_records_unfounded':
      return { outcome: 'approved' };
    case 'decide_approve':
    case 'bureau_decide_approve':
      return { outcome: 'approved', amountFenPerMonth: event.amountFen, startMonth: event.startMonth };
    case 'decide_adjust':
      return { outcome: 'adjusted', amountFenPerMonth: event.amountFen, startMonth: event.startMonth };
    case 'decide_stop':
      return { outcome: 'stopped' };
    case 'decide_reject':
    case 'review_ineligible':
    case 'bureau_decide_reject':
      return { outcome: 'rejected' };
    case 'record_near_relative_filing':
      return { nearRelativeFiled: true };
    case 'record_near_relative_detected':
      return { nearRelativeDetected: true };
    case 'refer_to_bureau':
      return event.hiv ? { hivTagged: true } : {};
    default:
      return {};
  }
}

function reasonOf(event: WorkflowEvent): string | null {
  if ('reasons' in event) return event.reasons.join('；');
  if ('reason' in event) return event.reason;
  if ('items' in event && event.type === 'bureau_requests_correction') return event.items.join('；');
  return null;
}

import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { caseEvents, cases, spotChecks } from '../../core/db/schema';
import { maskText } from '../../core/privacy/mask';
import { saysNothing } from '../../domain/application/meaningful-text';
import { isLocalDate, shanghaiDate } from '../../domain/calendar';
import { compareText } from './monthly-figures';
import { monthWindow, type ReportMonth } from './report-month';
import { drawSample } from './seeded-random';

/** Township decisions a monthly sample draws from: what the township filed that month (六(三)). */
const SAMPLED_DECISIONS = [
  'decide_approve',
  'decide_adjust',
  'decide_stop',
  'decide_reject',
  'review_ineligible',
];
/** Cases being paid: the 保障对象 a sample without a month draws from. */
const IN_PAYMENT = ['in_payment', 'recheck'];

export type SpotCheck = typeof spotChecks.$inferSelect;

export interface SampleRequest {
  /** Share of the candidates to draw, 0 < share ≤ 1; at least one case when there is any. */
  share: number;
  seed: string;
  townshipId?: string | undefined;
  month?: ReportMonth | undefined;
}

export interface SampleResult {
  batch: string;
  /** How many cases the draw was made from. */
  candidates: number;
  checks: SpotCheck[];
  /** True when the batch had been drawn before: its stored sample is returned, nothing is added. */
  existing: boolean;
}

/** The batch name: everything that determines the draw, so the same request names the same batch. */
export function batchName(request: SampleRequest): string {
  return [
    request.month ?? 'in-payment',
    request.townshipId ?? 'all',
    String(request.share),
    request.seed,
  ].join(':');
}

/**
 * 六(六) 监管抽查: draws a reproducible random sample of cases. Candidates — with a month, every
 * case with a township decision (approve, adjust, stop, reject at meeting or review) recorded in
 * that month (Asia/Shanghai); without one, every case now in payment or re-check — optionally of
 * one township, ordered by case id; the draw is a seeded shuffle of that list, so the same seed
 * and the same data give the same cases. ceil(share × candidates) cases are drawn and stored as
 * `sampled`. A batch drawn before is returned as stored.
 */
export async function sampleSpotChecks(db: Db, request: SampleRequest, now: Date): Promise<SampleResult> {
  if (!(request.share > 0 && request.share <= 1)) throw new RangeError('share must be in (0, 1]');
  const batch = batchName(request);
  const ids = await candidateIds(db, request);
  const stored = await db.select().from(spotChecks).where(eq(spotChecks.batch, batch));
  if (stored.length > 0) {
    return { batch, candidates: ids.length, checks: sortById(stored), existing: true };
  }
  // ceil, with a tolerance so that 0.07 × 100 (7.000000000000001) draws 7; at least one case if any.
  const count = Math.max(Math.ceil(request.share * ids.length - 1e-9), 1);
  const drawn = drawSample(ids, count, request.seed).sort(compareText);
  if (drawn.length === 0) return { batch, candidates: 0, checks: [], existing: false };
  const townships = await db
    .select({ id: cases.id, townshipId: cases.townshipId })
    .from(cases)
    .where(inArray(cases.id, drawn));
  await db
    .insert(spotChecks)
    .values(
      drawn.map((caseId) => ({
        batch,
        seed: request.seed,
        caseId,
        townshipId: townships.find((t) => t.id === caseId)?.townshipId ?? '',
        status: 'sampled' as const,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
  const checks = await db.select().from(spotChecks).where(eq(spotChecks.batch, batch));
  return { batch, candidates: ids.length, checks: sortById(checks), existing: false };
}

/** The candidate case ids, in code-unit order of id (the same on every database and locale). */
export async function candidateIds(
  db: Db,
  request: Pick<SampleRequest, 'townshipId' | 'month'>,
): Promise<string[]> {
  const township = request.townshipId ? eq(cases.townshipId, request.townshipId) : undefined;
  let rows: { id: string }[];
  if (request.month) {
    const { start, end } = monthWindow(request.month);
    rows = await db
      .selectDistinct({ id: caseEvents.caseId })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(
        and(
          inArray(caseEvents.eventType, SAMPLED_DECISIONS),
          gte(caseEvents.at, start),
          lt(caseEvents.at, end),
          township,
        ),
      );
  } else {
    rows = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(inArray(cases.state, IN_PAYMENT), township));
  }
  return [...new Set(rows.map((r) => r.id))].sort(compareText);
}

export type SpotCheckChange =
  | { ok: true; check: SpotCheck }
  | {
      ok: false;
      problem: 'not_found' | 'closed' | 'findings_empty' | 'date_invalid' | 'date_past' | 'not_rectifying';
    };

/**
 * Records the findings of a check: `passed` when nothing is to be rectified, `rectifying` with
 * the written deadline (六(六) 限期更正) otherwise. Findings may be corrected until it is closed.
 */
export async function recordSpotCheck(
  db: Db,
  id: number,
  input: { findings: string; rectifyBy?: string | undefined },
  now: Date,
): Promise<SpotCheckChange> {
  // Kept in clear and listed: an ID number or phone typed into the findings is masked.
  const findings = maskText(input.findings.trim());
  if (!findings || saysNothing(findings)) return { ok: false, problem: 'findings_empty' };
  if (input.rectifyBy !== undefined) {
    if (!isLocalDate(input.rectifyBy)) return { ok: false, problem: 'date_invalid' };
    if (input.rectifyBy < shanghaiDate(now)) return { ok: false, problem: 'date_past' };
  }
  const [check] = await db.select().from(spotChecks).where(eq(spotChecks.id, id));
  if (!check) return { ok: false, problem: 'not_found' };
  if (check.status === 'closed') return { ok: false, problem: 'closed' };
  const [updated] = await db
    .update(spotChecks)
    .set({
      findings,
      rectifyBy: input.rectifyBy ?? null,
      status: input.rectifyBy ? 'rectifying' : 'passed',
      updatedAt: now,
    })
    .where(eq(spotChecks.id, id))
    .returning();
  return { ok: true, check: updated! };
}

/** Closes a check whose rectification is done. */
export async function closeSpotCheck(db: Db, id: number, now: Date): Promise<SpotCheckChange> {
  const [check] = await db.select().from(spotChecks).where(eq(spotChecks.id, id));
  if (!check) return { ok: false, problem: 'not_found' };
  if (check.status === 'closed') return { ok: false, problem: 'closed' };
  if (check.status !== 'rectifying') return { ok: false, problem: 'not_rectifying' };
  const [updated] = await db
    .update(spotChecks)
    .set({ status: 'closed', updatedAt: now })
    .where(and(eq(spotChecks.id, id), eq(spotChecks.status, 'rectifying')))
    .returning();
  return updated ? { ok: true, check: updated } : { ok: false, problem: 'closed' };
}

export interface ListedSpotCheck extends SpotCheck {
  /** Rectifying with its deadline before today (Asia/Shanghai). */
  overdue: boolean;
}

const STATUS_ORDER: Record<SpotCheck['status'], number> = { rectifying: 0, sampled: 1, passed: 2, closed: 3 };

/**
 * Spot checks, overdue rectifications first (earliest deadline first), then the other
 * rectifications by deadline, then checks awaiting findings, then passed and closed ones.
 * `open`: only those awaiting findings or rectification.
 */
export async function listSpotChecks(
  db: Db,
  options: { open?: boolean },
  now: Date,
): Promise<ListedSpotCheck[]> {
  const today = shanghaiDate(now);
  const rows = await db
    .select()
    .from(spotChecks)
    .where(options.open ? inArray(spotChecks.status, ['sampled', 'rectifying']) : undefined);
  return rows
    .map((r) => ({ ...r, overdue: r.status === 'rectifying' && r.rectifyBy !== null && r.rectifyBy < today }))
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        compareText(a.rectifyBy ?? '', b.rectifyBy ?? '') ||
        a.id - b.id,
    );
}

function sortById(rows: SpotCheck[]): SpotCheck[] {
  return [...rows].sort((a, b) => a.id - b.id);
}

import { and, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../core/db/database';
import { caseEvents, cases, dueTimers } from '../../core/db/schema';
import { shanghaiDate } from '../../domain/calendar';
import type { Program } from '../../domain/case/case-types';
import { DECISION_EVENTS } from '../../domain/workflow/decision-events';
import { TRANSITIONS } from '../../domain/workflow/transition-table';
import type { EventType } from '../../domain/workflow/workflow-events';
import { monthDays, monthWindow, type ReportMonth } from './report-month';

/**
 * The figures of the monthly report (月报表, 六(三)) for one township and month. Every figure is
 * counted from the audit trail (`case_events`) by the event's timestamp: an event counts in the
 * month when it happened in that month in Asia/Shanghai (from 00:00 on the 1st, inclusive, to
 * 00:00 on the 1st of the next month, exclusive). A case belongs to its township of 户籍
 * (`cases.township_id`), which decides it (六(一)). Amounts are integer fen; the sheet shows 元.
 *
 * - `newApprovals`: `decide_approve` events of 低保 or 特困 cases of business type `new`
 *   (纳入保障), by program.
 * - `adjustments`: `decide_adjust` events (re-check → meeting, 七(一)), and `decide_approve` events
 *   of cases opened as an adjustment (低保 `adjust`, 特困 `care_mode_change` or
 *   `self_care_reassessment`).
 * - `stops`: `decide_stop` events, and `decide_approve` events of cases opened as a stop (低保
 *   `stop`, 特困 `terminate`).
 * - `rejections`: `decide_reject` (the meeting refuses) and `review_ineligible` (the review finds
 *   the household not eligible, 六(三)) events, every program. Refusals to accept (不予受理) are
 *   not decisions and are not counted.
 * - `temporaryAid`: `decide_approve` events of 临时救助 cases, and `advance_aid` events (先行救助,
 *   counted in the month the aid is paid, not again when its records are completed): how many,
 *   and the sum of the one-time amounts as recorded in the event. Cases escalated to the bureau
 *   (一事一议) are the bureau's decision and are not counted.
 * - `overdue.openAtMonthEnd`: cases whose decision deadline (`due_timers` kind `decision`, not
 *   cancelled, `due_on` after any extension) is on or before the last day of the month and whose
 *   decision clock had not stopped by the end of the month — no clock-stopping event (those with
 *   the `clock.stop` effect in the transition table: approval, rejection at review or meeting,
 *   escalation, referral to the bureau) before 00:00 on the 1st of the next month.
 * - `overdue.decidedLate`: cases whose clock stopped during the month on a day after `due_on`.
 */
export interface TownshipFigures {
  newApprovals: { dibao: number; tekun: number };
  adjustments: number;
  stops: number;
  rejections: number;
  temporaryAid: { count: number; totalFen: number };
  overdue: { openAtMonthEnd: number; decidedLate: number };
}

/** Which figure a case counts in; the report's detail sheet lists one line per count. */
export type FigureKey =
  | 'new_approval'
  | 'adjustment'
  | 'stop'
  | 'rejection'
  | 'temporary_aid'
  | 'overdue_open'
  | 'decided_late';

export interface ReportLine {
  figure: FigureKey;
  caseId: string;
  townshipId: string;
  program: Program;
  /** The event counted (none for a case still open past its deadline). */
  eventType: string | undefined;
  at: Date | undefined;
  amountFen: number | undefined;
  /** The decision deadline, for the overdue figures. */
  dueOn: string | undefined;
}

export interface MonthlyFigures {
  month: ReportMonth;
  /** Version of the definitions above; stored with the figures, shown on the sheet. */
  definitionsVersion: string;
  byTownship: Map<string, TownshipFigures>;
  lines: ReportLine[];
}

export const FIGURE_DEFINITIONS_VERSION = 'monthly-figures-2';

/** The township's decisions, and the 先行救助 paid first (temporary aid counted when paid). */
/** The events a month's figures count (the workbook names each: `event.*` phrases). */
export const COUNTED_EVENTS = [...DECISION_EVENTS, 'advance_aid'] as const satisfies readonly EventType[];

/** Events that stop the decision clock, read from the transition table so the two never disagree. */
export const CLOCK_STOP_EVENTS: readonly EventType[] = [
  ...new Set(TRANSITIONS.filter((t) => t.effects.includes('clock.stop')).map((t) => t.event)),
];

const ADJUSTING_BUSINESS_TYPES = new Set(['adjust', 'care_mode_change', 'self_care_reassessment']);
const STOPPING_BUSINESS_TYPES = new Set(['stop', 'terminate']);

const amountPayload = z.object({ amountFen: z.number().int().nonnegative() });

export function emptyFigures(): TownshipFigures {
  return {
    newApprovals: { dibao: 0, tekun: 0 },
    adjustments: 0,
    stops: 0,
    rejections: 0,
    temporaryAid: { count: 0, totalFen: 0 },
    overdue: { openAtMonthEnd: 0, decidedLate: 0 },
  };
}

/** Which figure a decision event counts in (see `TownshipFigures`). */
export function classifyDecision(
  eventType: string,
  program: Program,
  businessType: string,
): Exclude<FigureKey, 'overdue_open' | 'decided_late'> | undefined {
  if (eventType === 'decide_reject' || eventType === 'review_ineligible') return 'rejection';
  if (eventType === 'decide_adjust') return 'adjustment';
  if (eventType === 'decide_stop') return 'stop';
  if (eventType === 'advance_aid') return program === 'linshi' ? 'temporary_aid' : undefined;
  if (eventType !== 'decide_approve') return undefined;
  if (program === 'linshi') return 'temporary_aid';
  if (ADJUSTING_BUSINESS_TYPES.has(businessType)) return 'adjustment';
  if (STOPPING_BUSINESS_TYPES.has(businessType)) return 'stop';
  return 'new_approval';
}

/** Counts the month's figures per township (only townships with data appear in the map). */
export async function computeMonthlyFigures(db: Db, month: ReportMonth): Promise<MonthlyFigures> {
  const { start, end } = monthWindow(month);
  const lines: ReportLine[] = [];

  const decisions = await db
    .select({
      caseId: caseEvents.caseId,
      seq: caseEvents.seq,
      eventType: caseEvents.eventType,
      at: caseEvents.at,
      payload: caseEvents.payload,
      townshipId: cases.townshipId,
      program: cases.program,
      businessType: cases.businessType,
    })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(
      and(
        inArray(caseEvents.eventType, [...COUNTED_EVENTS]),
        gte(caseEvents.at, start),
        lt(caseEvents.at, end),
      ),
    );
  for (const d of decisions) {
    const figure = classifyDecision(d.eventType, d.program, d.businessType);
    if (!figure) continue;
    let amountFen: number | undefined;
    if (figure === 'temporary_aid') {
      const parsed = amountPayload.safeParse(d.payload);
      if (!parsed.success) throw new Error(`case ${d.caseId} event ${d.seq}: approval without an amount`);
      amountFen = parsed.data.amountFen;
    }
    lines.push({
      figure,
      caseId: d.caseId,
      townshipId: d.townshipId,
      program: d.program,
      eventType: d.eventType,
      at: d.at,
      amountFen,
      dueOn: undefined,
    });
  }

  const stops = db
    .select({
      caseId: caseEvents.caseId,
      stoppedAt: sql<Date>`min(${caseEvents.at})`.mapWith(caseEvents.at).as('stopped_at'),
    })
    .from(caseEvents)
    .where(inArray(caseEvents.eventType, [...CLOCK_STOP_EVENTS]))
    .groupBy(caseEvents.caseId)
    .as('clock_stops');
  const timers = await db
    .select({
      caseId: dueTimers.caseId,
      dueOn: dueTimers.dueOn,
      townshipId: cases.townshipId,
      program: cases.program,
      stoppedAt: stops.stoppedAt,
    })
    .from(dueTimers)
    .innerJoin(cases, eq(cases.id, dueTimers.caseId))
    .leftJoin(stops, eq(stops.caseId, dueTimers.caseId))
    .where(
      and(
        eq(dueTimers.kind, 'decision'),
        ne(dueTimers.status, 'cancelled'),
        lte(dueTimers.dueOn, monthDays(month).last),
        or(isNull(stops.stoppedAt), gte(stops.stoppedAt, start)),
      ),
    );
  for (const t of timers) {
    const stoppedAt = t.stoppedAt === null ? undefined : new Date(t.stoppedAt);
    const open = stoppedAt === undefined || stoppedAt >= end;
    const late = !open && stoppedAt !== undefined && shanghaiDate(stoppedAt) > t.dueOn;
    if (!open && !late) continue;
    lines.push({
      figure: open ? 'overdue_open' : 'decided_late',
      caseId: t.caseId,
      townshipId: t.townshipId,
      program: t.program,
      eventType: undefined,
      at: open ? undefined : stoppedAt,
      amountFen: undefined,
      dueOn: t.dueOn,
    });
  }

  lines.sort(
    (a, b) =>
      compareText(a.townshipId, b.townshipId) ||
      compareText(a.figure, b.figure) ||
      (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0) ||
      compareText(a.caseId, b.caseId),
  );
  const byTownship = new Map<string, TownshipFigures>();
  for (const line of lines) {
    const figures = byTownship.get(line.townshipId) ?? emptyFigures();
    byTownship.set(line.townshipId, figures);
    addLine(figures, line);
  }
  return { month, definitionsVersion: FIGURE_DEFINITIONS_VERSION, byTownship, lines };
}

function addLine(figures: TownshipFigures, line: ReportLine): void {
  switch (line.figure) {
    case 'new_approval':
      if (line.program === 'dibao' || line.program === 'tekun') figures.newApprovals[line.program] += 1;
      return;
    case 'adjustment':
      figures.adjustments += 1;
      return;
    case 'stop':
      figures.stops += 1;
      return;
    case 'rejection':
      figures.rejections += 1;
      return;
    case 'temporary_aid':
      figures.temporaryAid.count += 1;
      figures.temporaryAid.totalFen += line.amountFen ?? 0;
      return;
    case 'overdue_open':
      figures.overdue.openAtMonthEnd += 1;
      return;
    case 'decided_late':
      figures.overdue.decidedLate += 1;
      return;
  }
}

/** Sums figures (the report's total row). */
export function sumFigures(all: Iterable<TownshipFigures>): TownshipFigures {
  const total = emptyFigures();
  for (const f of all) {
    total.newApprovals.dibao += f.newApprovals.dibao;
    total.newApprovals.tekun += f.newApprovals.tekun;
    total.adjustments += f.adjustments;
    total.stops += f.stops;
    total.rejections += f.rejections;
    total.temporaryAid.count += f.temporaryAid.count;
    total.temporaryAid.totalFen += f.temporaryAid.totalFen;
    total.overdue.openAtMonthEnd += f.overdue.openAtMonthEnd;
    total.overdue.decidedLate += f.overdue.decidedLate;
  }
  return total;
}

/** Code-unit order: the same on every database and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

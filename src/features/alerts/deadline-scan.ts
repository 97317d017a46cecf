import { sql } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { queryRows } from '../../core/db/raw-query';
import { cases, dueTimers } from '../../core/db/schema';
import { addWorkingDays, type LocalDate, type WorkingDayCalendar } from '../../domain/calendar';

/**
 * The date boundaries of a deadline sweep, computed once with the calendar so that the database
 * needs one range condition on `due_on` (the partial index on open timers) and never the calendar.
 */
export interface ScanLimits {
  readonly today: LocalDate;
  /**
   * Ascending thresholds: `dueOn < below` exactly when at most `days` working days are left
   * (`below` is the (days+1)-th working day after today), for a due date today or later.
   */
  readonly bands: readonly { readonly days: number; readonly below: LocalDate }[];
  /** `below` of the largest threshold: everything the sweep must look at is before it. */
  readonly horizon: LocalDate;
}

/** Where a due date stands on the sweep's day. */
export type Band = { overdue: true } | { overdue: false; days: number };

export function scanLimits(
  calendar: WorkingDayCalendar,
  today: LocalDate,
  thresholds: readonly number[],
): ScanLimits {
  if (thresholds.length === 0) throw new RangeError('a deadline sweep needs at least one threshold');
  const sorted = [...new Set(thresholds)].sort((a, b) => a - b);
  const bands = sorted.map((days) => ({ days, below: addWorkingDays(calendar, today, days + 1).date }));
  return { today, bands, horizon: bands[bands.length - 1]!.below };
}

/**
 * The band of a due date: overdue once past, else the smallest threshold it is within (so a
 * sweep missed on the day of a threshold still gives that threshold's alert the next day), or
 * undefined when further away than every threshold.
 */
export function bandOf(limits: ScanLimits, dueOn: string): Band | undefined {
  if (dueOn < limits.today) return { overdue: true };
  const band = limits.bands.find((b) => dueOn < b.below);
  return band && { overdue: false, days: band.days };
}

/** An open timer the sweep found, with what routing needs from its case (the text reads the rest later). */
export interface ScannedTimer {
  id: string;
  caseId: string;
  kind: string;
  dueOn: string;
  townshipId: string;
  hivTagged: boolean;
}

/** What one sweep looks at: open timers due before `horizon`, some kinds only in a narrower window. */
export interface SweepWindow {
  readonly horizon: LocalDate;
  /** Kinds looked at only when due in [from, below) — `from` undefined: past ones too. */
  readonly narrower: readonly {
    readonly kind: string;
    readonly from?: LocalDate;
    readonly below: LocalDate;
  }[];
}

/**
 * The deadline sweep: every open timer due before the horizon — within the largest threshold or
 * already past — in one range query on the partial index `due_timers_open_idx` (status = 'open',
 * due_on < horizon), joined to its case by primary key; kinds with a narrower window are filtered
 * on the rows the index found. Lean on purpose — raw rows, no ordering, only the routing columns —
 * because its cost is materialising the rows, and most rows found have had their alert already;
 * a message's details are read only when it is about to be queued.
 */
export async function scanDueTimers(db: Db, window: SweepWindow): Promise<ScannedTimer[]> {
  const narrower = window.narrower.map(
    (n) =>
      sql` and (t.kind <> ${n.kind} or (${n.from ? sql`t.due_on >= ${n.from} and ` : sql``}t.due_on < ${n.below}))`,
  );
  // The literal 'open' (not a parameter) lets the planner match the partial index in any plan.
  return queryRows<ScannedTimer>(
    db,
    sql`select t.id, t.case_id as "caseId", t.kind, t.due_on as "dueOn",
          c.township_id as "townshipId", c.hiv_tagged as "hivTagged"
        from ${dueTimers} t join ${cases} c on c.id = t.case_id
        where t.status = 'open' and t.due_on < ${window.horizon}${sql.join(narrower)}`,
  );
}

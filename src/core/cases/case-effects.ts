import { and, eq, inArray } from 'drizzle-orm';
import { shanghaiDate, toLocalDate, type WorkingDayCalendar } from '../../domain/calendar';
import {
  advanceRecordsTimer,
  type DeadlineRules,
  type DueTimerSpec,
  extendDecisionTimer,
  publicityTimer,
  rejectionNoticeTimer,
  type TimerKind,
  timersOnAcceptance,
} from '../../domain/deadlines';
import type { Db } from '../db/database';
import { dueTimers } from '../db/schema';
import type { EffectRunner } from './case-steps';

/** Timers that run while the decision is pending and stop when it is taken. */
const DECISION_CLOCK = ['decision', 'investigation', 'target20'];

/**
 * Turns a step's timer effects into `due_timers` rows, in the step's transaction: the decision
 * clock and its companions on acceptance, publicity, the rejection-notice deadline, extensions,
 * and the clock stopping at the decision. Notices are added with the notices capability.
 */
export function timerEffects(calendar: WorkingDayCalendar, rules: DeadlineRules): EffectRunner {
  return async (tx, row, effects, event, now) => {
    const today = shanghaiDate(now);
    const program = row.program;
    for (const effect of effects) {
      if (effect === 'clock.start') {
        const accepted = { caseId: row.id, program, acceptedOn: toLocalDate(row.acceptedOn ?? today) };
        await saveTimers(tx, row, timersOnAcceptance(accepted, rules, calendar), now);
      } else if (effect === 'timer.publicity' && event.type === 'start_publicity') {
        await saveTimers(
          tx,
          row,
          [
            publicityTimer(
              { caseId: row.id, program, startsOn: toLocalDate(event.startsOn) },
              rules,
              calendar,
            ),
          ],
          now,
        );
      } else if (effect === 'timer.rejection-notice') {
        await saveTimers(
          tx,
          row,
          [rejectionNoticeTimer({ caseId: row.id, program, decidedOn: today }, rules, calendar)],
          now,
        );
      } else if (effect === 'timer.advance-records') {
        await saveTimers(
          tx,
          row,
          [advanceRecordsTimer({ caseId: row.id, program, paidOn: toLocalDate(today) }, rules, calendar)],
          now,
        );
      } else if (
        effect === 'timer.investigation.done' ||
        effect === 'timer.publicity.done' ||
        effect === 'timer.advance-records.done'
      ) {
        const kind =
          effect === 'timer.investigation.done'
            ? 'investigation'
            : effect === 'timer.publicity.done'
              ? 'publicity'
              : 'advance-records';
        await closeTimer(tx, kind, row.id, now);
      } else if (effect === 'clock.stop') {
        await tx
          .update(dueTimers)
          .set({ status: 'done', updatedAt: now })
          .where(
            and(
              eq(dueTimers.caseId, row.id),
              inArray(dueTimers.kind, DECISION_CLOCK),
              eq(dueTimers.status, 'open'),
            ),
          );
      } else if (effect === 'clock.extend' && event.type === 'extend_deadline') {
        const [stored] = await tx
          .select()
          .from(dueTimers)
          .where(eq(dueTimers.id, `decision.${row.id}`));
        if (!stored) throw new Error(`case ${row.id} has no decision timer to extend`);
        const extended = extendDecisionTimer(stored.spec as DueTimerSpec, event, calendar);
        // The workflow guard already checked reason and cap; a refusal here means the two disagree.
        if (!extended.ok)
          throw new Error(`extension refused by the deadline rules: ${extended.error.message}`);
        await saveTimers(tx, row, [extended.value], now);
      }
    }
  };
}

/** Marks a case's timer of `kind` done: the duty it watched is fulfilled (no alert, no overdue). */
export async function closeTimer(tx: Db, kind: TimerKind, caseId: string, now: Date): Promise<void> {
  await tx
    .update(dueTimers)
    .set({ status: 'done', updatedAt: now })
    .where(and(eq(dueTimers.id, `${kind}.${caseId}`), eq(dueTimers.status, 'open')));
}

/** Upserts timers by their deterministic ids, so a repeated step recomputes instead of duplicating. */
async function saveTimers(
  tx: Db,
  row: { townshipId: string },
  timers: readonly (DueTimerSpec | undefined)[],
  now: Date,
): Promise<void> {
  // A rule that does not apply to the program (e.g. the internal target for 临时救助) gives no timer.
  for (const timer of timers) {
    if (!timer) continue;
    const values = {
      townshipId: row.townshipId,
      dueOn: timer.dueDate,
      warnOn: timer.warnings.map((w) => w.date),
      provisional: timer.provisional,
      calendarVersion: timer.calendarVersion,
      spec: timer,
      status: 'open' as const,
      updatedAt: now,
    };
    await tx
      .insert(dueTimers)
      .values({ id: timer.id, caseId: timer.caseId, kind: timer.kind, ...values })
      .onConflictDoUpdate({ target: dueTimers.id, set: values });
  }
}

import type { WorkingDayCalendar } from '../calendar';
import { computeTimer, draftOf } from './compute-timer';
import { type DeadlineResult, deadlineError } from './deadline-errors';
import type { DueTimerSpec } from './deadline-types';

/**
 * 六 (last paragraph): "特殊情况可适当延长，最低生活保障、特困供养审核确认工作最长不超过45个工作日；
 * 临时救助审核确认工作最长不超60个工作日". An extension is a new total period counted from the
 * same acceptance, needs a recorded reason, and can never pass the program's maximum, which the
 * timer carries from the rules it was created with.
 */

/** What the caseworker asks for: the new total, in working days from acceptance, and why. */
export interface ExtensionRequest {
  readonly totalWorkingDays: number;
  readonly reason: string;
}

/** The decision timer with its new due date, or the refusal. */
export function extendDecisionTimer(
  timer: DueTimerSpec,
  request: ExtensionRequest,
  calendar: WorkingDayCalendar,
): DeadlineResult<DueTimerSpec> {
  const { extension } = timer;
  const params = { timerId: timer.id, requested: request.totalWorkingDays, current: timer.period.days };
  if (timer.kind !== 'decision' || extension === undefined) {
    return deadlineError('extension_not_allowed', `timer ${timer.id} is not a decision deadline`, params);
  }
  const reason = request.reason.trim();
  if (reason === '') {
    return deadlineError(
      'extension_reason_required',
      `extension of ${timer.id} refused: no reason recorded`,
      params,
    );
  }
  const total = request.totalWorkingDays;
  if (!Number.isInteger(total) || total <= timer.period.days) {
    return deadlineError(
      'extension_not_longer',
      `extension of ${timer.id} refused: ${total} working days does not lengthen ${timer.period.days}`,
      params,
    );
  }
  if (total > extension.maxDays) {
    return deadlineError(
      'extension_above_maximum',
      `extension of ${timer.id} refused: ${total} working days exceeds the ${timer.program} maximum of ${extension.maxDays}`,
      { ...params, maximum: extension.maxDays },
    );
  }
  const extended = computeTimer(
    {
      ...draftOf(timer),
      period: { unit: timer.period.unit, days: total },
      extension: { ...extension, reason },
    },
    calendar,
  );
  return { ok: true, value: extended };
}

import {
  addCalendarDays,
  addWorkingDays,
  combineMarks,
  compareLocalDates,
  type ProvisionalMark,
  subtractWorkingDays,
  type WorkingDayCalendar,
} from '../calendar';
import type { DueTimerSpec, TimerDraft, WarningPoint } from './deadline-types';

/**
 * The one place a timer's dates are derived from its draft, used when a timer is created,
 * extended or recomputed after a calendar change, so the three can never disagree.
 */

/** Due date, warning points and provisional mark of `draft` on `calendar`. */
export function computeTimer(draft: TimerDraft, calendar: WorkingDayCalendar): DueTimerSpec {
  const due =
    draft.period.unit === 'working-days'
      ? addWorkingDays(calendar, draft.anchor.date, draft.period.days)
      : {
          date: addCalendarDays(draft.anchor.date, draft.period.days),
          provisional: false,
          unconfirmedYears: [],
        };
  const marks: ProvisionalMark[] = [due];
  const warnings: WarningPoint[] = [];
  const offsets = [...draft.warningWorkingDaysBefore].sort((a, b) => b - a);
  for (const before of offsets) {
    const point = subtractWorkingDays(calendar, due.date, before);
    // A warning on or before the anchor day would fire before the period even began.
    if (compareLocalDates(point.date, draft.anchor.date) <= 0) continue;
    marks.push(point);
    warnings.push({ id: `${draft.id}.warn-${before}`, workingDaysBefore: before, date: point.date });
  }
  const { provisional, unconfirmedYears } = combineMarks(...marks);
  return {
    ...draftOf(draft),
    dueDate: due.date,
    warnings,
    provisional,
    unconfirmedYears,
    calendarVersion: calendar.version,
  };
}

/** The draft inside a spec (or a draft copied), without anything the calendar computed. */
export function draftOf(timer: TimerDraft): TimerDraft {
  return {
    id: timer.id,
    kind: timer.kind,
    caseId: timer.caseId,
    program: timer.program,
    nature: timer.nature,
    anchor: timer.anchor,
    period: timer.period,
    warningWorkingDaysBefore: timer.warningWorkingDaysBefore,
    extension: timer.extension,
    rulesVersion: timer.rulesVersion,
    citations: timer.citations,
  };
}

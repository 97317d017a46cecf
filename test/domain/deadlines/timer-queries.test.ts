import { createWorkingDayCalendar, toLocalDate } from '../../../src/domain/calendar';
import {
  DEFAULT_DEADLINE_RULES,
  dueWithinWorkingDays,
  isOverdue,
  isPeriodOver,
  overdueTimers,
  publicityTimer,
  timerStanding,
  timersOnAcceptance,
  workingDaysLeft,
} from '../../../src/domain/deadlines';

const calendar = createWorkingDayCalendar();
const d = toLocalDate;
const [decision, investigation, target] = timersOnAcceptance(
  { caseId: 'c-1', program: 'dibao', acceptedOn: d('2026-09-25') },
  DEFAULT_DEADLINE_RULES,
  calendar,
);
const publicity = publicityTimer(
  { caseId: 'c-1', program: 'dibao', startsOn: d('2026-09-28') },
  DEFAULT_DEADLINE_RULES,
  calendar,
)!;

describe('timer queries', () => {
  it('counts working days left up to the due date', () => {
    // Due 11/12; from 10/1 (holiday) the days 9/28–9/30 are already behind: 27 left.
    expect(workingDaysLeft(calendar, decision!, d('2026-10-01')).days).toBe(27);
    expect(workingDaysLeft(calendar, decision!, d('2026-11-11')).days).toBe(1);
    expect(workingDaysLeft(calendar, decision!, d('2026-11-12')).days).toBe(0);
    expect(workingDaysLeft(calendar, decision!, d('2026-11-16')).days).toBe(-2);
  });

  it('is overdue only after the due day', () => {
    expect(isOverdue(decision!, d('2026-11-12'))).toBe(false);
    expect(isOverdue(decision!, d('2026-11-13'))).toBe(true);
  });

  it('never calls publicity overdue: it is a period that must run out', () => {
    expect(isOverdue(publicity, d('2026-10-20'))).toBe(false);
    expect(isPeriodOver(publicity, d('2026-10-05'))).toBe(false);
    expect(isPeriodOver(publicity, d('2026-10-06'))).toBe(true);
    expect(timerStanding(calendar, publicity, d('2026-10-06')).status).toBe('period-over');
  });

  it('reports the standing of a timer day by day', () => {
    const on = (date: string) => timerStanding(calendar, decision!, d(date));
    expect(on('2026-11-04')).toMatchObject({ status: 'pending', workingDaysLeft: 6, reachedWarnings: [] });
    expect(on('2026-11-05')).toMatchObject({ status: 'warning', workingDaysLeft: 5 });
    expect(on('2026-11-11').reachedWarnings.map((w) => w.workingDaysBefore)).toEqual([5, 3, 1]);
    expect(on('2026-11-12')).toMatchObject({ status: 'due-today', workingDaysLeft: 0 });
    expect(on('2026-11-13')).toMatchObject({ status: 'overdue', workingDaysLeft: -1, provisional: false });
  });

  it('lists deadlines due within N working days, soonest first, and the overdue ones', () => {
    const all = [decision!, investigation!, target!, publicity];
    // On 10/26, the 20-day target (10/29) is 3 working days away; the decision (11/12) 13.
    expect(dueWithinWorkingDays(calendar, all, d('2026-10-26'), 5).map((t) => t.id)).toEqual([
      'target20.c-1',
    ]);
    expect(dueWithinWorkingDays(calendar, all, d('2026-10-26'), 13).map((t) => t.id)).toEqual([
      'target20.c-1',
      'decision.c-1',
    ]);
    expect(overdueTimers(all, d('2026-10-30')).map((t) => t.id)).toEqual([
      'investigation.c-1',
      'target20.c-1',
    ]);
  });
});

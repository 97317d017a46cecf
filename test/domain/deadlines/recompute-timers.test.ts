import { loadHolidayOverrides } from '../../../src/core/config/load-holiday-overrides';
import { toLocalDate } from '../../../src/domain/calendar';
import {
  DEFAULT_DEADLINE_RULES,
  extendDecisionTimer,
  recomputeStaleTimers,
  recomputeTimer,
  timersOnAcceptance,
  workingDaysLeft,
} from '../../../src/domain/deadlines';
import { calendarThrough2026, FICTIONAL_2027, makeOverrideDir } from '../calendar/holiday-fixtures';

/** The override folder over sources that stop after 2026 (2027 unpublished, as when this was written). */
const loadCalendar = (dir: string) => calendarThrough2026(loadHolidayOverrides(dir));

describe('a deadline running into 2027', () => {
  let folder: ReturnType<typeof makeOverrideDir>;
  beforeEach(() => {
    folder = makeOverrideDir();
  });
  afterEach(() => folder.cleanup());

  it('is provisional until a 2027 override file exists, then recomputed and confirmed', () => {
    const before2027 = loadCalendar(folder.dir);
    const accepted = { caseId: 'c-9', program: 'dibao', acceptedOn: toLocalDate('2026-12-01') } as const;
    const timers = timersOnAcceptance(accepted, DEFAULT_DEADLINE_RULES, before2027);
    const decision = timers.find((t) => t.kind === 'decision');
    // Monday–Friday through 2027 less the statutory 1/1: due 2027-01-13, flagged.
    expect(decision).toMatchObject({ dueDate: '2027-01-13', provisional: true, unconfirmedYears: [2027] });
    // Investigation (due 12/04) stays inside 2026: not provisional.
    expect(timers.find((t) => t.kind === 'investigation')).toMatchObject({ provisional: false });
    expect(workingDaysLeft(before2027, decision!, toLocalDate('2026-12-20'))).toMatchObject({
      provisional: true,
    });

    folder.write('2027.json', FICTIONAL_2027);
    const with2027 = loadCalendar(folder.dir);
    expect(with2027.version).not.toBe(before2027.version);

    const changes = recomputeStaleTimers(timers, with2027);
    expect(changes.map((c) => c.before.id)).toEqual(['decision.c-9', 'investigation.c-9', 'target20.c-9']);
    const decisionChange = changes.find((c) => c.before.kind === 'decision');
    // The fictional schedule's 1/1–1/3 off agrees with the statutory 1/1: same date, now confirmed.
    expect(decisionChange).toMatchObject({ datesChanged: false, confirmed: true });
    expect(decisionChange?.after).toMatchObject({
      dueDate: '2027-01-13',
      provisional: false,
      unconfirmedYears: [],
      calendarVersion: with2027.version,
      rulesVersion: DEFAULT_DEADLINE_RULES.version,
    });
    // A timer inside 2026 gets the new version but keeps its dates.
    expect(changes.find((c) => c.before.kind === 'investigation')).toMatchObject({
      datesChanged: false,
      confirmed: false,
    });

    // Idempotent: timers already on the current version are left alone.
    expect(
      recomputeStaleTimers(
        changes.map((c) => c.after),
        with2027,
      ),
    ).toEqual([]);
  });

  it('keeps an extension and its reason when recomputed', () => {
    const before2027 = loadCalendar(folder.dir);
    const [decision] = timersOnAcceptance(
      { caseId: 'c-10', program: 'linshi', acceptedOn: toLocalDate('2026-11-02') },
      DEFAULT_DEADLINE_RULES,
      before2027,
    );
    const extended = extendDecisionTimer(
      decision!,
      { totalWorkingDays: 60, reason: '调查难度大' },
      before2027,
    );
    if (!extended.ok) throw new Error(extended.error.message);
    expect(extended.value.provisional).toBe(true);

    folder.write('2027.json', FICTIONAL_2027);
    const after = recomputeTimer(extended.value, loadCalendar(folder.dir));
    expect(after).toMatchObject({
      period: { days: 60 },
      extension: { reason: '调查难度大' },
      provisional: false,
    });
  });
});

import { createWorkingDayCalendar, toLocalDate } from '../../../src/domain/calendar';
import {
  advanceRecordsTimer,
  DEFAULT_DEADLINE_RULES,
  type DeadlineRules,
  deadlineRulesSchema,
  publicityTimer,
  rejectionNoticeTimer,
  timerId,
  timersOnAcceptance,
} from '../../../src/domain/deadlines';

const calendar = createWorkingDayCalendar();
const rules = DEFAULT_DEADLINE_RULES;
const accepted = { caseId: 'c-1', program: 'dibao', acceptedOn: toLocalDate('2026-09-25') } as const;

describe('timers started by acceptance', () => {
  const timers = timersOnAcceptance(accepted, rules, calendar);
  const byKind = new Map(timers.map((t) => [t.kind, t]));

  it('starts the decision deadline, the investigation start and the 20-day target, with deterministic ids', () => {
    expect(timers.map((t) => t.id)).toEqual(['decision.c-1', 'investigation.c-1', 'target20.c-1']);
    expect(timersOnAcceptance(accepted, rules, calendar)).toEqual(timers);
  });

  it('makes the decision due 30 working days after acceptance, with warnings at 5, 3 and 1 working days', () => {
    const decision = byKind.get('decision');
    expect(decision).toMatchObject({
      nature: 'legal-deadline',
      anchor: { event: 'acceptance', date: '2026-09-25' },
      period: { unit: 'working-days', days: 30 },
      dueDate: '2026-11-12',
      extension: { baseDays: 30, maxDays: 45, reason: undefined },
      provisional: false,
      calendarVersion: calendar.version,
      rulesVersion: rules.version,
    });
    expect(decision?.warnings).toEqual([
      { id: 'decision.c-1.warn-5', workingDaysBefore: 5, date: '2026-11-05' },
      { id: 'decision.c-1.warn-3', workingDaysBefore: 3, date: '2026-11-09' },
      { id: 'decision.c-1.warn-1', workingDaysBefore: 1, date: '2026-11-11' },
    ]);
    expect(decision?.citations[0]).toEqual({
      document: '舒政办发〔2023〕9号',
      clause: '六 (last paragraph)',
    });
  });

  it('wants the investigation started within 3 working days, warning only after acceptance', () => {
    // Day 1 9/28, day 2 9/29, day 3 9/30; the 3- and 5-day warnings would fall on or before 9/25.
    const investigation = byKind.get('investigation');
    expect(investigation?.dueDate).toBe('2026-09-30');
    expect(investigation?.warnings.map((w) => [w.workingDaysBefore, w.date])).toEqual([[1, '2026-09-29']]);
  });

  it('labels the 20-day line as an internal target, never the legal deadline', () => {
    const target = byKind.get('target20');
    expect(target).toMatchObject({ nature: 'internal-target', dueDate: '2026-10-29', extension: undefined });
    expect(target?.citations[0]?.clause).toBe('四(一)');
  });

  it('gives 临时救助 a 60-day maximum and, by default, no 20-day target', () => {
    const linshi = timersOnAcceptance({ ...accepted, program: 'linshi' }, rules, calendar);
    expect(linshi.map((t) => t.kind)).toEqual(['decision', 'investigation']);
    expect(linshi[0]?.extension).toEqual({ baseDays: 30, maxDays: 60, reason: undefined });
  });

  it('drops the 20-day target when switched off, and adds it where configured', () => {
    const off: DeadlineRules = { ...rules, internalTarget: { ...rules.internalTarget, enabled: false } };
    expect(timersOnAcceptance(accepted, off, calendar).map((t) => t.kind)).not.toContain('target20');
    const allPrograms: DeadlineRules = {
      ...rules,
      internalTarget: { ...rules.internalTarget, programs: ['dibao', 'tekun', 'linshi'] },
    };
    const linshi = timersOnAcceptance({ ...accepted, program: 'linshi' }, allPrograms, calendar);
    expect(linshi.map((t) => t.kind)).toContain('target20');
  });

  it('refuses a timer without a case id', () => {
    expect(() => timerId('decision', ' ')).toThrow(RangeError);
  });
});

describe('timers started later in the procedure', () => {
  it('wants the written rejection within 3 working days of the decision', () => {
    // Decided Wed 9/30: day 1 10/8, day 2 10/9, day 3 Sat 10/10 (make-up working day).
    const timer = rejectionNoticeTimer(
      { caseId: 'c-2', program: 'tekun', decidedOn: toLocalDate('2026-09-30') },
      rules,
      calendar,
    );
    expect(timer).toMatchObject({
      id: 'rejection-notice.c-2',
      nature: 'legal-deadline',
      anchor: { event: 'decision', date: '2026-09-30' },
      dueDate: '2026-10-10',
    });
  });

  it('runs publicity 7 calendar days, the posting day not counted, holidays included', () => {
    // Posted Mon 9/28: last day of publicity 10/5, inside the National Day holiday.
    const timer = publicityTimer(
      { caseId: 'c-3', program: 'dibao', startsOn: toLocalDate('2026-09-28') },
      rules,
      calendar,
    );
    expect(timer).toMatchObject({
      id: 'publicity.c-3',
      nature: 'minimum-period',
      period: { unit: 'calendar-days', days: 7 },
      dueDate: '2026-10-05',
      warnings: [],
      provisional: false,
    });
  });

  it('takes the publicity length from configuration', () => {
    const tenDays: DeadlineRules = { ...rules, publicity: { ...rules.publicity, calendarDays: 10 } };
    const timer = publicityTimer(
      { caseId: 'c-3', program: 'dibao', startsOn: toLocalDate('2026-09-28') },
      tenDays,
      calendar,
    );
    expect(timer?.dueDate).toBe('2026-10-08');
  });
});

describe('deadline rules as data', () => {
  it('default rules pass their own schema and cite a source for each rule', () => {
    expect(deadlineRulesSchema.parse(rules)).toEqual(rules);
    expect(rules.decision.maxDays).toEqual({ dibao: 45, tekun: 45, linshi: 60 });
  });

  it('refuses a maximum shorter than the normal period and repeated warning offsets', () => {
    const shortMax = {
      ...rules,
      decision: { ...rules.decision, maxDays: { dibao: 20, tekun: 45, linshi: 60 } },
    };
    expect(deadlineRulesSchema.safeParse(shortMax).success).toBe(false);
    const repeated = {
      ...rules,
      investigation: { ...rules.investigation, warningWorkingDaysBefore: [1, 1] },
    };
    expect(deadlineRulesSchema.safeParse(repeated).success).toBe(false);
  });
});

describe('先行救助 then 补办 (2018 临时救助意见 二(二))', () => {
  const paid = { caseId: 'c-9', program: 'linshi', paidOn: toLocalDate('2026-12-01') } as const;

  it('wants the records completed within 30 working days of the aid, a legal deadline with warnings', () => {
    // December 2026 has 22 working days after the 1st; 元旦 (2027-01-01) is not counted.
    expect(advanceRecordsTimer(paid, DEFAULT_DEADLINE_RULES, calendar)).toMatchObject({
      id: 'advance-records.c-9',
      kind: 'advance-records',
      nature: 'legal-deadline',
      anchor: { event: 'advance-aid', date: '2026-12-01' },
      period: { unit: 'working-days', days: 30 },
      dueDate: '2027-01-13',
    });
  });

  it('follows the configured number and applies to 临时救助 only', () => {
    const shorter = {
      ...DEFAULT_DEADLINE_RULES,
      advanceRecords: { ...DEFAULT_DEADLINE_RULES.advanceRecords, days: 5 },
    };
    expect(advanceRecordsTimer(paid, shorter, calendar)?.dueDate).toBe('2026-12-08');
    expect(
      advanceRecordsTimer({ ...paid, program: 'dibao' }, DEFAULT_DEADLINE_RULES, calendar),
    ).toBeUndefined();
  });
});

import { createStepRules } from '../../src/core/cases/step-rules';
import { loadParameters } from '../../src/core/config/load-parameters';
import { createWorkingDayCalendar } from '../../src/domain/calendar';
import type { CaseFacts } from '../../src/domain/case/case-types';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/deadlines';

const rules = createStepRules(createWorkingDayCalendar(), DEFAULT_DEADLINE_RULES, loadParameters());
const linshi = (kind: 'emergency' | 'expenditure', householdSize: number): CaseFacts => ({
  id: 'C-L',
  program: 'linshi',
  businessType: 'new',
  temporaryAidKind: kind,
  township: 'tianjia',
  residenceTownship: undefined,
  householdSize,
  submittedBy: 'self',
  nearRelative: { declared: false, detected: false, filed: false },
  hivTagged: false,
  outcome: undefined,
});

describe('step rules from the shipped configuration', () => {
  it('急难型: 1000 yuan per person is within township authority, 1000.01 is not (三(四))', () => {
    expect(rules.temporaryAidVerdict(linshi('emergency', 1), 100_000, 1, '2026-11-27')?.verdict).toBe(
      'within',
    );
    expect(rules.temporaryAidVerdict(linshi('emergency', 1), 100_001, 1, '2026-11-27')?.verdict).toBe(
      'escalate',
    );
    expect(rules.temporaryAidVerdict(linshi('emergency', 3), 300_000, 3, '2026-11-27')?.verdict).toBe(
      'within',
    );
  });

  it('支出型 refuses to judge while the urban 低保 standard is not configured', () => {
    const verdict = rules.temporaryAidVerdict(linshi('expenditure', 2), 50_000, 2, '2026-11-27');
    expect(verdict?.verdict).toBe('cannot_judge');
    expect(verdict?.detail).toContain('dibao.urbanStandardMonthly');
  });

  it('uses the confirmed household size, not the one at application', () => {
    expect(rules.temporaryAidVerdict(linshi('emergency', 1), 200_000, 2, '2026-11-27')?.verdict).toBe(
      'within',
    );
  });

  it('reads the quorum and home-visit minimum from the parameters file', () => {
    expect(rules.minimums('2026-11-27')).toEqual({ homeVisitStaff: 2, meetingParticipants: 5 });
  });

  it('caps extensions per program and names every rule version a step used', () => {
    expect(rules.extensionCapWorkingDays('dibao')).toBe(45);
    expect(rules.extensionCapWorkingDays('linshi')).toBe(60);
    expect(Object.keys(rules.versions()).sort()).toEqual([
      'calendar',
      'deadlines',
      'materials',
      'parameters',
    ]);
  });
});

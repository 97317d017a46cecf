import { shanghaiDate, toLocalDate, type WorkingDayCalendar } from '../../domain/calendar';
import type { DeadlineRules } from '../../domain/deadlines';
import { MATERIALS_CATALOGUE_VERSION } from '../../domain/materials/checklist';
import type { ParameterTable } from '../../domain/parameters/parameter-file';
import { lookupIn } from '../../domain/parameters/parameter-lookup';
import { dibaoStandardFen } from '../../domain/rules/dibao-gap';
import { judgeTemporaryAidAuthority } from '../../domain/rules/temporary-aid-authority';
import type { StepRules } from './case-steps';

/**
 * The rule values a case step judges with, from configuration: deadlines and calendar, local
 * parameters with effective dates, the materials catalogue — each version recorded with the step.
 */
export function createStepRules(
  calendar: WorkingDayCalendar,
  deadlines: DeadlineRules,
  parameters: ParameterTable,
): StepRules {
  const lookup = lookupIn(parameters);
  return {
    today: shanghaiDate,
    extensionCapWorkingDays: (program) => deadlines.decision.maxDays[program],
    dibaoStandard: (area, today) => dibaoStandardFen(area, toLocalDate(today), lookup),
    minimums(today) {
      const read = (
        name: 'procedure.homeVisitMinStaff' | 'procedure.reviewMeetingMinParticipants',
        fallback: number,
      ) => {
        const reading = lookup(name, toLocalDate(today));
        return reading.status === 'set' ? reading.value : fallback;
      };
      // The notice's own numbers stand when the file leaves them unset: they are law, not local figures.
      return {
        homeVisitStaff: read('procedure.homeVisitMinStaff', 2),
        meetingParticipants: read('procedure.reviewMeetingMinParticipants', 5),
      };
    },
    temporaryAidVerdict(facts, amountFen, persons, today) {
      if (!facts.temporaryAidKind)
        return { verdict: 'cannot_judge', detail: 'temporary aid kind not recorded' };
      const result = judgeTemporaryAidAuthority(
        {
          kind: facts.temporaryAidKind,
          totalFen: amountFen,
          persons,
          decisionDate: toLocalDate(today),
        },
        lookup,
      );
      return {
        verdict: result.verdict === 'invalid' ? 'cannot_judge' : result.verdict,
        detail: result.detail,
      };
    },
    versions: () => ({
      deadlines: deadlines.version,
      calendar: calendar.version,
      parameters: parameters.fileVersion,
      materials: MATERIALS_CATALOGUE_VERSION,
    }),
  };
}

import type { LocalDate } from '../calendar/local-date';
import type { ParameterLookup } from '../parameters/parameter-lookup';

/**
 * Pre-screening (初筛): from a few answers, which programs a household may qualify for. Guidance
 * only, never a decision — the township decides after checks and a home visit (六(二), 六(三)). A
 * figure the bureau has not published (standards, asset limits) is never guessed: the program is
 * `cannot_judge` and the resident is told the figure comes from the bureau.
 */
export interface PrescreenAnswers {
  area: 'urban' | 'rural';
  householdSize: number;
  /** All members' income of a month, in fen. */
  monthlyIncomeFen: number;
  savingsFen: number;
  hasVehicle: boolean;
  housingUnits: number;
  /** 特困: no ability to work (elderly, severely disabled, minor), no income source, no one bound to support. */
  cannotWorkNoSupport: boolean;
  seriousIllnessOrDisability: boolean;
  /** 急难型: fire, accident, sudden serious illness or other sudden hardship. */
  suddenHardship: boolean;
  /** 支出型: necessary medical or education spending beyond what the household can bear. */
  heavyNecessarySpending: boolean;
}

export type GuidanceProgram = 'dibao' | 'dibao_edge' | 'tekun' | 'linshi_emergency' | 'linshi_expenditure';
export type Verdict = 'likely' | 'possible' | 'unlikely' | 'cannot_judge';

export type Reason =
  | 'income_below_standard'
  | 'income_in_edge_band'
  | 'income_above_edge'
  | 'standard_unpublished'
  | 'asset_limits_unpublished'
  | 'assets_over_limit'
  | 'illness_or_disability_counts'
  | 'cannot_work_no_support'
  | 'single_person_rule'
  | 'sudden_hardship'
  | 'heavy_spending'
  | 'no_trigger';

export interface Guidance {
  program: GuidanceProgram;
  verdict: Verdict;
  reasons: Reason[];
  /** Figures shown with the guidance (fen), when configured. */
  figures: { standardFen?: number; perCapitaIncomeFen?: number; emergencyLimitFen?: number };
}

export function prescreen(answers: PrescreenAnswers, lookup: ParameterLookup, today: LocalDate): Guidance[] {
  const read = (name: Parameters<ParameterLookup>[0]) => {
    const r = lookup(name, today);
    return r.status === 'set' ? r.value : undefined;
  };
  const standard = read(
    answers.area === 'urban' ? 'dibao.urbanStandardMonthly' : 'dibao.ruralStandardMonthly',
  );
  const edge = read('dibao.edgeIncomeMultiplier');
  const perCapita = Math.floor(answers.monthlyIncomeFen / Math.max(1, answers.householdSize));
  const assets = assetCheck(answers, standard, read);
  const out: Guidance[] = [];

  if (standard === undefined) {
    out.push({
      program: 'dibao',
      verdict: 'cannot_judge',
      reasons: ['standard_unpublished'],
      figures: { perCapitaIncomeFen: perCapita },
    });
  } else {
    const figures = { standardFen: standard, perCapitaIncomeFen: perCapita };
    const assetReasons: Reason[] = assets === 'unknown' ? ['asset_limits_unpublished'] : [];
    if (perCapita < standard) {
      const verdict: Verdict = assets === 'over' ? 'unlikely' : assets === 'within' ? 'likely' : 'possible';
      const reasons: Reason[] = ['income_below_standard', ...assetReasons];
      if (assets === 'over') reasons.push('assets_over_limit');
      // 单人户: a severely disabled or seriously ill adult may be covered alone (docs/domain.md §20).
      if (answers.seriousIllnessOrDisability) reasons.push('single_person_rule');
      out.push({ program: 'dibao', verdict, reasons, figures });
    } else if (edge !== undefined && perCapita < Math.floor(standard * edge)) {
      out.push({
        program: 'dibao',
        verdict: answers.seriousIllnessOrDisability ? 'possible' : 'unlikely',
        reasons: answers.seriousIllnessOrDisability
          ? ['income_in_edge_band', 'single_person_rule']
          : ['income_in_edge_band'],
        figures,
      });
      out.push({
        program: 'dibao_edge',
        verdict: assets === 'over' ? 'unlikely' : 'possible',
        reasons: [
          'income_in_edge_band',
          ...assetReasons,
          ...(assets === 'over' ? ['assets_over_limit' as const] : []),
        ],
        figures,
      });
    } else {
      out.push({ program: 'dibao', verdict: 'unlikely', reasons: ['income_above_edge'], figures });
    }
  }

  out.push(
    answers.cannotWorkNoSupport
      ? { program: 'tekun', verdict: 'possible', reasons: ['cannot_work_no_support'], figures: {} }
      : { program: 'tekun', verdict: 'unlikely', reasons: ['no_trigger'], figures: {} },
  );
  const emergencyLimit = read('linshi.emergencyTownshipLimitPerPerson');
  out.push({
    program: 'linshi_emergency',
    verdict: answers.suddenHardship ? 'possible' : 'unlikely',
    reasons: [answers.suddenHardship ? 'sudden_hardship' : 'no_trigger'],
    figures: emergencyLimit === undefined ? {} : { emergencyLimitFen: emergencyLimit },
  });
  out.push({
    program: 'linshi_expenditure',
    verdict: answers.heavyNecessarySpending ? 'possible' : 'unlikely',
    reasons: [answers.heavyNecessarySpending ? 'heavy_spending' : 'no_trigger'],
    figures: {},
  });
  if (answers.seriousIllnessOrDisability && !out.some((g) => g.reasons.includes('single_person_rule'))) {
    out[0]!.reasons.push('illness_or_disability_counts');
  }
  return out;
}

/** Assets against the configured limits: unknown while the bureau's limits are unpublished. */
function assetCheck(
  a: PrescreenAnswers,
  standard: number | undefined,
  read: (name: Parameters<ParameterLookup>[0]) => number | undefined,
): 'within' | 'over' | 'unknown' {
  const months = read('dibao.assetLimitFinancialMonths');
  const housing = read('dibao.assetLimitHousingUnits');
  const vehicle = read('dibao.assetLimitVehicleValue');
  if (housing !== undefined && a.housingUnits > housing) return 'over';
  if (months !== undefined && standard !== undefined && a.savingsFen > months * standard * a.householdSize)
    return 'over';
  // A car's value is not asked in pre-screening: owning one leaves the asset test to the caseworker.
  if (months === undefined || housing === undefined || vehicle === undefined || a.hasVehicle)
    return 'unknown';
  return 'within';
}

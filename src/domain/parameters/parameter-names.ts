/**
 * Every local policy number the software may use, with the unit its value must be written in.
 * docs/domain.md §19: every number is configuration, never a literal scattered in code: local standards
 * change every year.” Values live in `config/parameters.json` with effective dates and sources;
 * this list only fixes names and units, so a value written in yuan where fen is expected is
 * rejected when the file is loaded.
 */

/** Units a parameter value may have. Money is always integer fen (分). */
export type ParameterUnit =
  | 'fen_per_person_per_month'
  | 'fen_per_person'
  | 'fen'
  | 'ratio'
  | 'months'
  | 'count'
  | 'times_per_year'
  | 'persons'
  | 'calendar_days'
  | 'working_days';

/** Units whose values must be whole numbers; only `ratio` may have a fraction. */
export const INTEGER_UNITS: ReadonlySet<ParameterUnit> = new Set<ParameterUnit>([
  'fen_per_person_per_month',
  'fen_per_person',
  'fen',
  'months',
  'count',
  'times_per_year',
  'persons',
  'calendar_days',
  'working_days',
]);

export const PARAMETER_UNITS = {
  /** 低保 urban standard; drives the 支出型 township limit (三(四)). Published by the bureau yearly. */
  'dibao.urbanStandardMonthly': 'fen_per_person_per_month',
  /** 低保 rural standard. */
  'dibao.ruralStandardMonthly': 'fen_per_person_per_month',
  /** 低保边缘: per-capita income below this multiple of the standard (民发〔2021〕57号 第8条). */
  'dibao.edgeIncomeMultiplier': 'ratio',
  /** Months of income averaged when assessing a household (Jilin rule not found). */
  'dibao.incomeWindowMonths': 'months',
  /** Financial assets limit, as months of the standard × household size (form unconfirmed). */
  'dibao.assetLimitFinancialMonths': 'months',
  /** Most dwellings a household may own (unconfirmed). */
  'dibao.assetLimitHousingUnits': 'count',
  /** Highest value of a motor vehicle a household may own (unconfirmed). */
  'dibao.assetLimitVehicleValue': 'fen',
  /** Re-check interval for households with stable circumstances (民发〔2021〕57号 第31条). */
  'dibao.recheckIntervalStableMonths': 'months',
  /** Re-check interval for households with working-age members and irregular income (第31条). */
  'dibao.recheckIntervalIrregularMonths': 'months',
  /** Longest gradual exit (渐退) after income rises from employment (2022 national notice 一(三)). */
  'dibao.graduationMaxMonths': 'months',
  /** 特困 basic living standard, urban (unconfirmed for Shulan). */
  'tekun.basicLivingUrbanMonthly': 'fen_per_person_per_month',
  /** 特困 basic living standard, rural (unconfirmed for Shulan). */
  'tekun.basicLivingRuralMonthly': 'fen_per_person_per_month',
  /** 特困 care standard for people who look after themselves (全自理). */
  'tekun.careSelfCareMonthly': 'fen_per_person_per_month',
  /** 特困 care standard for partly dependent people (半护理). */
  'tekun.carePartialMonthly': 'fen_per_person_per_month',
  /** 特困 care standard for fully dependent people (全护理). */
  'tekun.careFullMonthly': 'fen_per_person_per_month',
  /** 三(四): 急难型 amount a township may approve, per person, inclusive. */
  'linshi.emergencyTownshipLimitPerPerson': 'fen_per_person',
  /** 三(四): 支出型 township limit as months of the urban 低保 standard, per person, inclusive. */
  'linshi.expenditureTownshipLimitMonths': 'months',
  /** How often a household may receive 临时救助 in a year (舒民政发〔2018〕104号 not found). */
  'linshi.maxAidsPerYear': 'times_per_year',
  /** 六(三): publicity in the applicant's village or community. */
  'procedure.publicityCalendarDays': 'calendar_days',
  /** 六(二): township staff on a home visit, each signing. */
  'procedure.homeVisitMinStaff': 'persons',
  /** 六(三): confirmed participants of the review meeting (评审合议会). */
  'procedure.reviewMeetingMinParticipants': 'persons',
  /** 六 (last paragraph): decision due from acceptance. */
  'deadline.decisionWorkingDays': 'working_days',
  /** 六 (last paragraph): longest extended decision time for 低保 and 特困. */
  'deadline.dibaoTekunMaxWorkingDays': 'working_days',
  /** 六 (last paragraph): longest extended decision time for 临时救助. */
  'deadline.linshiMaxWorkingDays': 'working_days',
  /** Investigation starts within this many working days of acceptance (民发〔2021〕57号 第15条). */
  'deadline.investigationStartWorkingDays': 'working_days',
  /** Written rejection within this many working days of the decision (民发〔2021〕57号 第21条). */
  'deadline.rejectionNoticeWorkingDays': 'working_days',
  /** National internal target for delegated townships (2022 national notice 四(一)); never the legal deadline. */
  'deadline.nationalTargetWorkingDays': 'working_days',
  /** 先行救助: its records completed (补办) within this many working days of the aid (2018 临时救助意见 二(二)). */
  'deadline.advanceRecordsWorkingDays': 'working_days',
} as const satisfies Record<string, ParameterUnit>;

/** The name of a local policy parameter. */
export type ParameterName = keyof typeof PARAMETER_UNITS;

/** All parameter names, in declaration order. */
export const PARAMETER_NAMES = Object.keys(PARAMETER_UNITS) as ParameterName[];

/** True when `name` is a parameter this version of the software knows. */
export function isParameterName(name: string): name is ParameterName {
  return Object.hasOwn(PARAMETER_UNITS, name);
}

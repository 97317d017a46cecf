import type { LocalDate } from '../calendar/local-date';
import type { ParameterLookup } from '../parameters/parameter-lookup';

/**
 * 低保 is paid as the gap (补差) between the local standard and the household's per-capita income,
 * monthly: 《社会救助暂行办法》(国务院令第649号) 第十三条 “按照共同生活的家庭成员人均收入低于当地最低生活
 * 保障标准的差额，按月发给最低生活保障金”. So the monthly amount of a household of n is at most
 * n × the standard (a household with no income), and with a known monthly household income it is
 * n × standard − income. The standard is the bureau's (urban or rural, with effective dates,
 * docs/domain.md §19); unset, nothing is computed or judged (§20).
 */
export const DIBAO_GAP_RULE = { id: 'dibao-gap', version: 1, clause: '国务院令第649号 第十三条' } as const;

/** Which 低保 standard applies: the urban or the rural one (城市/农村低保). */
export type DibaoArea = 'urban' | 'rural';

/** The monthly per-person standard of an area in force on a day, in fen; undefined when unset. */
export function dibaoStandardFen(
  area: DibaoArea,
  date: LocalDate,
  lookup: ParameterLookup,
): number | undefined {
  const reading = lookup(
    area === 'urban' ? 'dibao.urbanStandardMonthly' : 'dibao.ruralStandardMonthly',
    date,
  );
  return reading.status === 'set' ? reading.value : undefined;
}

export interface DibaoGap {
  standardFen: number;
  householdSize: number;
  /** n × standard: the most a household of n can be paid a month. */
  ceilingFen: number;
  /** The declared monthly household income, when known. */
  incomeFen: number | undefined;
  /** n × standard − income (never below 0), when the income is known. */
  gapFen: number | undefined;
}

/** The 补差 figures of a household: the ceiling, and the gap when its monthly income is known. */
export function dibaoGap(standardFen: number, householdSize: number, incomeFen?: number): DibaoGap {
  const ceilingFen = standardFen * householdSize;
  return {
    standardFen,
    householdSize,
    ceilingFen,
    incomeFen,
    gapFen: incomeFen === undefined ? undefined : Math.max(0, ceilingFen - incomeFen),
  };
}

/** Whether a proposed monthly amount exceeds what 补差 can ever give (n × standard). */
export function aboveDibaoCeiling(proposedFen: number, standardFen: number, householdSize: number): boolean {
  return proposedFen > dibaoGap(standardFen, householdSize).ceilingFen;
}

import { isLocalDate, type LocalDate } from '../calendar/local-date';
import type { TemporaryAidKind } from '../case/case-types';
import {
  type ParameterLookup,
  type ParameterReading,
  type ParameterTrace,
  type ParameterUnset,
  traceOf,
} from '../parameters/parameter-lookup';

/**
 * 三(四): how much 临时救助 a township may approve on its own. 急难型: at most the configured
 * amount per person (1000 yuan); 支出型: at most the configured number of months (6) of the
 * **urban** 低保 standard per person; both inclusive. Above that the case is not delegated (三(三):
 * “不含一事一议事项”) and goes to the bureau as 一事一议, so the only outcome above the limit is
 * `escalate`, never an approval. Every figure is read from configuration for the decision date;
 * if one is unset the rule refuses to judge rather than guess (docs/domain.md §19).
 */

/** Identifies this rule and its version in stored decisions. */
export const TEMPORARY_AID_AUTHORITY_RULE = {
  id: 'temporary-aid-authority',
  version: 1,
  clause: '三(四)',
} as const;

/** A proposed 临时救助 amount for a household. Money in integer fen. */
export interface TemporaryAidAmount {
  kind: TemporaryAidKind;
  /** Total proposed for the household, in fen. */
  totalFen: number;
  /** Persons the aid is for; the limit applies per person (三(四) “每人”). */
  persons: number;
  /** Day of the township decision (Asia/Shanghai); selects the parameter versions in force. */
  decisionDate: LocalDate;
}

/** The limit per person in force on a day, or the parameters that are missing for it. */
export type TownshipLimit =
  | { status: 'set'; perPersonFen: number; parameters: ParameterTrace[] }
  | { status: 'unset'; missing: ParameterUnset[]; parameters: ParameterTrace[] };

interface Judged {
  rule: typeof TEMPORARY_AID_AUTHORITY_RULE;
  kind: TemporaryAidKind;
  totalFen: number;
  persons: number;
  decisionDate: LocalDate;
  /** Every parameter read, with its version, so the decision can be explained later. */
  parameters: ParameterTrace[];
  /** A short technical explanation; sentences for people come from templates. */
  detail: string;
}

/** The verdict of 三(四). `within` lets the township decide; it is not itself an approval. */
export type TemporaryAidAuthorityResult =
  | (Judged & { verdict: 'within'; limitPerPersonFen: number; limitTotalFen: number })
  | (Judged & {
      verdict: 'escalate';
      code: 'amount_above_township_authority';
      limitPerPersonFen: number;
      limitTotalFen: number;
      excessFen: number;
    })
  | (Judged & { verdict: 'cannot_judge'; code: 'cannot_judge_automatically'; missing: ParameterUnset[] })
  | {
      verdict: 'invalid';
      code: 'amount_invalid' | 'persons_invalid' | 'date_invalid';
      rule: typeof TEMPORARY_AID_AUTHORITY_RULE;
      detail: string;
    };

/**
 * The per-person limit of a kind on a day: 急难型 reads one amount; 支出型 multiplies the urban
 * 低保 monthly standard by the configured months, in whole fen.
 */
export function townshipLimitPerPerson(
  kind: TemporaryAidKind,
  date: LocalDate,
  lookup: ParameterLookup,
): TownshipLimit {
  const readings: ParameterReading[] =
    kind === 'emergency'
      ? [lookup('linshi.emergencyTownshipLimitPerPerson', date)]
      : [lookup('linshi.expenditureTownshipLimitMonths', date), lookup('dibao.urbanStandardMonthly', date)];
  const parameters = readings.map(traceOf);
  const missing = readings.filter((r): r is ParameterUnset => r.status === 'unset');
  if (missing.length > 0) return { status: 'unset', missing, parameters };
  const values = readings.flatMap((r) => (r.status === 'set' ? [r.value] : []));
  const perPersonFen = values.reduce((product, value) => product * value, 1);
  return { status: 'set', perPersonFen, parameters };
}

/**
 * Decides whether a township may approve `amount` itself (三(四)). The comparison is
 * `total ≤ persons × limit` in integer fen, so 1000.00 yuan per person passes and 1000.01 does not,
 * and no per-person share is ever rounded.
 */
export function judgeTemporaryAidAuthority(
  amount: TemporaryAidAmount,
  lookup: ParameterLookup,
): TemporaryAidAuthorityResult {
  const rule = TEMPORARY_AID_AUTHORITY_RULE;
  const { kind, totalFen, persons, decisionDate } = amount;
  if (!Number.isSafeInteger(totalFen) || totalFen <= 0) {
    return {
      verdict: 'invalid',
      code: 'amount_invalid',
      rule,
      detail: 'amount must be a positive whole number of fen',
    };
  }
  if (!Number.isSafeInteger(persons) || persons <= 0) {
    return {
      verdict: 'invalid',
      code: 'persons_invalid',
      rule,
      detail: 'persons must be a positive whole number',
    };
  }
  if (!isLocalDate(decisionDate)) {
    return { verdict: 'invalid', code: 'date_invalid', rule, detail: 'decision date must be YYYY-MM-DD' };
  }
  const limit = townshipLimitPerPerson(kind, decisionDate, lookup);
  const base = { rule, kind, totalFen, persons, decisionDate, parameters: limit.parameters };
  if (limit.status === 'unset') {
    const names = limit.missing.map((m) => `${m.name} (${m.reason})`).join(', ');
    return {
      ...base,
      verdict: 'cannot_judge',
      code: 'cannot_judge_automatically',
      missing: limit.missing,
      detail: `unset on ${decisionDate}: ${names}`,
    };
  }
  const limitTotalFen = persons * limit.perPersonFen;
  const figures = `${totalFen} fen for ${persons} person(s); limit ${persons} × ${limit.perPersonFen} = ${limitTotalFen} fen`;
  if (totalFen <= limitTotalFen) {
    return {
      ...base,
      verdict: 'within',
      limitPerPersonFen: limit.perPersonFen,
      limitTotalFen,
      detail: figures,
    };
  }
  return {
    ...base,
    verdict: 'escalate',
    code: 'amount_above_township_authority',
    limitPerPersonFen: limit.perPersonFen,
    limitTotalFen,
    excessFen: totalFen - limitTotalFen,
    detail: `${figures}; above township authority: escalate to the bureau (case-by-case)`,
  };
}

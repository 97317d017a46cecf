import { isLocalDate } from '../calendar/local-date';
import { type ParameterTable, parameterFileSchema, parseParameterFile } from './parameter-file';
import type { ParameterName } from './parameter-names';

/**
 * The bureau publishes the local standards (四(一); docs/domain.md §19: 低保 and 特困 standards change
 * every year). A new standard is a new entry of the parameter — new version, its own effective
 * date, its source — added after every existing one: history is never rewritten, so a decision
 * taken under the old standard can still be explained.
 */
export const STANDARD_PARAMETERS = [
  'dibao.urbanStandardMonthly',
  'dibao.ruralStandardMonthly',
  'tekun.basicLivingUrbanMonthly',
  'tekun.basicLivingRuralMonthly',
  'tekun.careSelfCareMonthly',
  'tekun.carePartialMonthly',
  'tekun.careFullMonthly',
] as const satisfies readonly ParameterName[];

export type StandardParameter = (typeof STANDARD_PARAMETERS)[number];

export interface StandardAmendment {
  name: string;
  /** Monthly per person, in fen. */
  valueFen: number;
  effectiveFrom: string;
  /** The bureau's document (文号) and clause the standard is published in. */
  document: string;
  clause: string;
}

export type AmendmentResult =
  | { ok: true; file: Record<string, unknown>; table: ParameterTable; version: string }
  | {
      ok: false;
      problem:
        | 'not_a_standard'
        | 'value_invalid'
        | 'date_invalid'
        | 'not_after_latest'
        | 'source_missing'
        | 'file_invalid';
      detail: string;
    };

/** Adds a standard to the parsed `config/parameters.json` (pure: answers the new file). */
export function amendStandard(file: unknown, amendment: StandardAmendment): AmendmentResult {
  const { name, valueFen, effectiveFrom } = amendment;
  if (!(STANDARD_PARAMETERS as readonly string[]).includes(name))
    return { ok: false, problem: 'not_a_standard', detail: `${name} is not a standard the bureau sets` };
  if (!Number.isSafeInteger(valueFen) || valueFen <= 0)
    return { ok: false, problem: 'value_invalid', detail: 'a standard is a positive whole number of fen' };
  if (!isLocalDate(effectiveFrom))
    return { ok: false, problem: 'date_invalid', detail: 'the effective date is YYYY-MM-DD' };
  if (amendment.document.trim() === '' || amendment.clause.trim() === '')
    return { ok: false, problem: 'source_missing', detail: 'a standard needs its document and clause' };
  const parsed = parameterFileSchema.safeParse(file);
  if (!parsed.success) return { ok: false, problem: 'file_invalid', detail: parsed.error.message };
  const parameter = parsed.data.parameters.find((p) => p.name === name);
  if (!parameter) return { ok: false, problem: 'file_invalid', detail: `${name} is missing from the file` };
  const latest = parameter.entries
    .map((e) => e.effectiveFrom)
    .sort()
    .at(-1)!;
  if (effectiveFrom <= latest)
    return {
      ok: false,
      problem: 'not_after_latest',
      detail: `${name} already has an entry from ${latest}; a new standard takes effect after it`,
    };
  const version = `v${parameter.entries.length + 1}`;
  const entry = {
    version,
    effectiveFrom,
    value: valueFen,
    source: { document: amendment.document.trim(), clause: amendment.clause.trim() },
  };
  const next = {
    ...parsed.data,
    fileVersion: nextFileVersion(parsed.data.fileVersion),
    parameters: parsed.data.parameters.map((p) =>
      p.name === name ? { ...p, entries: [...p.entries, entry] } : p,
    ),
  };
  const table = parseParameterFile(next);
  if (!table.ok) return { ok: false, problem: 'file_invalid', detail: table.issues.join('; ') };
  return { ok: true, file: next, table: table.table, version };
}

/** `2026-2` → `2026-2+1` → `2026-2+2`: every amendment is a new file version, recorded with steps. */
function nextFileVersion(current: string): string {
  const match = /^(.*)\+(\d+)$/.exec(current);
  return match ? `${match[1]}+${Number(match[2]) + 1}` : `${current}+1`;
}

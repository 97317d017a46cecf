import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../calendar/local-date';
import {
  INTEGER_UNITS,
  isParameterName,
  PARAMETER_UNITS,
  type ParameterName,
  type ParameterUnit,
} from './parameter-names';

/**
 * The schema of `config/parameters.json`: each local policy number with its unit, and a list of
 * versions, each with the day it takes effect, its value (null while the bureau has not confirmed
 * it) and its legal source. Loading is done outside the domain (no I/O here); this module only
 * validates what was read and builds the table `parameterAt` answers from.
 */

/** Where a value comes from: the document and clause, as OpenFisca parameters carry them. */
export interface ParameterSource {
  document: string;
  clause: string;
  note?: string | undefined;
}

/** One version of a parameter. `value` null means unconfirmed: rules needing it must not judge. */
export interface ParameterEntry {
  version: string;
  effectiveFrom: LocalDate;
  value: number | null;
  source: ParameterSource;
  note?: string | undefined;
}

/** A validated parameter file, entries of each name sorted by effective date (oldest first). */
export interface ParameterTable {
  fileVersion: string;
  parameters: ReadonlyMap<ParameterName, { unit: ParameterUnit; entries: readonly ParameterEntry[] }>;
}

const UNITS = [...new Set(Object.values(PARAMETER_UNITS))] as [ParameterUnit, ...ParameterUnit[]];

const sourceSchema = z.strictObject({
  document: z.string().trim().min(1),
  clause: z.string().trim().min(1),
  note: z.string().optional(),
});

const entrySchema = z.strictObject({
  version: z.string().trim().min(1),
  effectiveFrom: z.string().refine(isLocalDate, 'effectiveFrom must be a real date written YYYY-MM-DD'),
  value: z.number().finite().nonnegative().nullable(),
  source: sourceSchema,
  note: z.string().optional(),
});

const parameterSchema = z
  .strictObject({
    name: z.string().refine(isParameterName, 'unknown parameter name'),
    unit: z.enum(UNITS),
    entries: z.array(entrySchema).min(1),
  })
  .superRefine((parameter, ctx) => {
    if (!isParameterName(parameter.name)) return;
    const expected = PARAMETER_UNITS[parameter.name];
    if (parameter.unit !== expected) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `${parameter.name} must be in ${expected}` });
    }
    parameter.entries.forEach((entry, i) => {
      if (entry.value !== null && INTEGER_UNITS.has(expected) && !Number.isSafeInteger(entry.value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'value'],
          message: `${expected} must be a whole number`,
        });
      }
    });
    for (const key of ['version', 'effectiveFrom'] as const) {
      const seen = parameter.entries.map((e) => e[key]);
      const dup = seen.find((v, i) => seen.indexOf(v) !== i);
      if (dup !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries'],
          message: `${parameter.name}: ${key} ${dup} repeated`,
        });
      }
    }
  });

/** zod schema of the whole file, exported so tooling can validate a draft before it ships. */
export const parameterFileSchema = z
  .strictObject({
    fileVersion: z.string().trim().min(1),
    description: z.string().optional(),
    parameters: z.array(parameterSchema),
  })
  .superRefine((file, ctx) => {
    const names = file.parameters.map((p) => p.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined)
      ctx.addIssue({ code: 'custom', path: ['parameters'], message: `${dup} listed twice` });
  });

export type ParameterFileResult = { ok: true; table: ParameterTable } | { ok: false; issues: string[] };

/**
 * Validates the parsed JSON of a parameter file. Returns every problem at once, with its path,
 * so whoever edits the file can fix it in one go.
 */
export function parseParameterFile(input: unknown): ParameterFileResult {
  const parsed = parameterFileSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    };
  }
  const parameters = new Map<ParameterName, { unit: ParameterUnit; entries: readonly ParameterEntry[] }>();
  for (const p of parsed.data.parameters) {
    if (!isParameterName(p.name)) continue;
    const entries = [...p.entries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    parameters.set(p.name, { unit: p.unit, entries });
  }
  return { ok: true, table: { fileVersion: parsed.data.fileVersion, parameters } };
}

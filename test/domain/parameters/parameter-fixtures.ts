import fs from 'node:fs';
import path from 'node:path';
import { type ParameterTable, parseParameterFile } from '../../../src/domain/parameters/parameter-file';
import { PARAMETER_UNITS, type ParameterName } from '../../../src/domain/parameters/parameter-names';

/** The shipped `config/parameters.json`, parsed as the service would. */
export function shippedFile(): unknown {
  const file = path.join(__dirname, '..', '..', '..', 'config', 'parameters.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function shippedTable(): ParameterTable {
  const result = parseParameterFile(shippedFile());
  if (!result.ok) throw new Error(result.issues.join('\n'));
  return result.table;
}

type EntrySpec = [effectiveFrom: string, value: number | null, version?: string];

/** A test table from `{ name: [[effectiveFrom, value, version?], ...] }`; unlisted names are absent. */
export function tableOf(spec: Partial<Record<ParameterName, EntrySpec[]>>): ParameterTable {
  const parameters = Object.entries(spec).map(([name, entries]) => ({
    name,
    unit: PARAMETER_UNITS[name as ParameterName],
    entries: (entries ?? []).map(([effectiveFrom, value, version], i) => ({
      version: version ?? `v${i + 1}`,
      effectiveFrom,
      value,
      source: { document: 'test', clause: 'test' },
    })),
  }));
  const result = parseParameterFile({ fileVersion: 'test-1', parameters });
  if (!result.ok) throw new Error(result.issues.join('\n'));
  return result.table;
}

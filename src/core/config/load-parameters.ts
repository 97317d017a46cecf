import fs from 'node:fs';
import path from 'node:path';
import { type ParameterTable, parseParameterFile } from '../../domain/parameters/parameter-file';
import { projectRoot } from '../project-root';
import { ConfigError } from './load-config';

/** Where the local policy parameters live (standards, limits, deadlines; effective dates and sources). */
export const PARAMETERS_FILE = path.join(projectRoot(), 'config', 'parameters.json');

/**
 * Reads config/parameters.json once at start-up. A malformed file stops start-up naming every
 * problem; a parameter left null is valid and simply makes the rules that need it refuse to judge.
 */
export function loadParameters(file = PARAMETERS_FILE): ParameterTable {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`Invalid parameters file ${file}: ${(error as Error).message}`]);
  }
  const parsed = parseParameterFile(raw);
  if (!parsed.ok)
    throw new ConfigError(parsed.issues.map((issue) => `Invalid parameters file ${file}: ${issue}`));
  return parsed.table;
}

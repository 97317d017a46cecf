import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../project-root';
import { ConfigError } from './load-config';

export const TOWNSHIPS_FILE = path.join(projectRoot(), 'config', 'townships.json');

const townshipSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]{1,40}$/, 'lower-case latin id'),
  name: z.string().min(2),
  kind: z.enum(['town', 'subdistrict', 'development_zone']),
  /** The township's supervision phone, shown on publicity (公示) notices; unset until confirmed. */
  supervisionPhone: z
    .string()
    .regex(/^[\d-]{7,20}$/)
    .optional(),
});

const fileSchema = z.object({
  description: z.string().optional(),
  townships: z.array(townshipSchema).min(1),
});

export type Township = z.infer<typeof townshipSchema>;

/** Reads config/townships.json; a malformed file or a repeated id or name stops start-up. */
export function loadTownships(file = TOWNSHIPS_FILE): Township[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`Invalid townships file ${file}: ${(error as Error).message}`]);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `Invalid townships file ${file}: ${i.path.join('.')} ${i.message}`),
    );
  }
  const list = parsed.data.townships;
  for (const key of ['id', 'name'] as const) {
    const seen = new Set<string>();
    for (const t of list) {
      if (seen.has(t[key]))
        throw new ConfigError([`Invalid townships file ${file}: ${key} ${t[key]} repeated`]);
      seen.add(t[key]);
    }
  }
  return list;
}

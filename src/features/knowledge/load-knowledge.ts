import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../core/project-root';
import { STANDARD_PARAMETERS, type StandardParameter } from '../../domain/parameters/standard-amendment';
import { COMMANDS, FACT_KINDS, type Passage } from './passage';

export const KNOWLEDGE_DIR = path.join(projectRoot(), 'knowledge');

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  program: z.enum(['dibao', 'tekun', 'linshi', 'general']),
  topic: z.string().min(1),
  question: z.string().min(1),
  similar: z.array(z.string().min(1)).default([]),
  states: z.array(z.enum(FACT_KINDS)).default([]),
  keywords: z.array(z.string()).default([]),
  command: z.enum(COMMANDS).optional(),
  source: z.string().min(1),
  clause: z.string().min(1),
  related: z.array(z.string()).default([]),
  figures: z
    .array(
      z
        .string()
        .refine((name) => (STANDARD_PARAMETERS as readonly string[]).includes(name), {
          message: 'must name a standard the bureau sets (STANDARD_PARAMETERS, config/parameters.json)',
        })
        .transform((name) => name as StandardParameter),
    )
    .default([]),
});

/** Thrown for a passage file that does not follow the format; names the file and the problem. */
export class KnowledgeFileError extends Error {
  override name = 'KnowledgeFileError';
}

/**
 * Reads every `knowledge/*.md` passage: front matter (id, program, topic, question, similar
 * questions, the kinds of fact it states, source, clause, related, the bureau's figures it adds)
 * then the text. Ids must be
 * unique and every `related` id must exist, so a broken link fails at start-up instead of in a
 * conversation.
 */
export function loadKnowledge(dir = KNOWLEDGE_DIR): Passage[] {
  const passages = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((file) => parsePassage(path.join(dir, file)));
  const ids = new Set<string>();
  for (const p of passages) {
    if (ids.has(p.id)) throw new KnowledgeFileError(`duplicate passage id ${p.id}`);
    ids.add(p.id);
  }
  for (const p of passages) {
    const missing = p.related.filter((r) => !ids.has(r));
    if (missing.length > 0)
      throw new KnowledgeFileError(`${p.id}: related passages not found: ${missing.join(', ')}`);
  }
  return passages;
}

/**
 * The front matter: `key: value`, `key: [a, b]`, or a key alone on its line followed by `- item`
 * lines (a list written one item a line, as the similar questions are).
 */
function parseFrontMatter(file: string, text: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  let list: string[] | undefined;
  for (const line of text.split(/\r?\n/)) {
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item) {
      if (!list) throw new KnowledgeFileError(`${file}: list item outside a list: ${line.trim()}`);
      const value = item[1]!.trim();
      if (value) list.push(value);
      continue;
    }
    const clean = line.replace(/\s+#.*$/, '').trim();
    if (!clean) continue;
    const at = clean.indexOf(':');
    if (at < 0) throw new KnowledgeFileError(`${file}: front matter line without a colon: ${clean}`);
    const key = clean.slice(0, at).trim();
    const value = clean.slice(at + 1).trim();
    list = undefined;
    if (value === '') {
      list = [];
      fields[key] = list;
    } else {
      fields[key] = value.startsWith('[')
        ? value
            .replace(/^\[|\]$/g, '')
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
        : value;
    }
  }
  return fields;
}

function parsePassage(file: string): Passage {
  const source = fs.readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new KnowledgeFileError(`${file}: front matter missing`);
  const meta = frontMatterSchema.safeParse(parseFrontMatter(file, match[1]!));
  if (!meta.success) {
    throw new KnowledgeFileError(
      `${file}: ${meta.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const body = match[2]!.trim();
  if (!body) throw new KnowledgeFileError(`${file}: empty passage`);
  const { command, ...rest } = meta.data;
  // A passage about a standard answers an amount question (低保一个月给多少钱) whether or not the
  // bureau has set the figure: with the figure in force, or by saying how the amount is worked
  // out, that the figure is not recorded here and where to ask (passage-figures.ts).
  const states =
    rest.figures.length > 0 && !rest.states.includes('amount')
      ? [...rest.states, 'amount' as const]
      : rest.states;
  return { ...rest, states, ...(command ? { command } : {}), body };
}

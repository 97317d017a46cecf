import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Passage } from '../domain/knowledge/passage';
import { projectRoot } from '../project-root';

export const KNOWLEDGE_DIR = path.join(projectRoot(), 'knowledge');

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  program: z.enum(['dibao', 'tekun', 'linshi', 'general']),
  topic: z.string().min(1),
  keywords: z.array(z.string()).default([]),
  source: z.string().min(1),
  clause: z.string().min(1),
  related: z.array(z.string()).default([]),
});

/** Thrown for a passage file that does not follow the format; names the file and the problem. */
export class KnowledgeFileError extends Error {
  override name = 'KnowledgeFileError';
}

/**
 * Reads every `knowledge/*.md` passage: front matter (id, program, topic, source, clause, related)
 * then the text. Ids must be unique and every `related` id must exist, so a broken link fails at
 * start-up instead of in a conversation.
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

function parsePassage(file: string): Passage {
  const source = fs.readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new KnowledgeFileError(`${file}: front matter missing`);
  const fields: Record<string, unknown> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const clean = line.replace(/\s+#.*$/, '').trim();
    if (!clean) continue;
    const at = clean.indexOf(':');
    if (at < 0) throw new KnowledgeFileError(`${file}: front matter line without a colon: ${clean}`);
    const key = clean.slice(0, at).trim();
    const value = clean.slice(at + 1).trim();
    fields[key] = value.startsWith('[')
      ? value
          .replace(/^\[|\]$/g, '')
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value;
  }
  const meta = frontMatterSchema.safeParse(fields);
  if (!meta.success) {
    throw new KnowledgeFileError(
      `${file}: ${meta.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const body = match[2]!.trim();
  if (!body) throw new KnowledgeFileError(`${file}: empty passage`);
  return { ...meta.data, body };
}

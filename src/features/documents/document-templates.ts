import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { projectRoot } from '../../core/project-root';

/**
 * The Chinese text of every printed document — titles, labels, fixed sentences — lives in
 * templates/documents/*.json, one file per document with an `id` and a `version` (like the chat
 * templates), so a printed form can be traced to the exact wording it was made from. Each string
 * is a strict Handlebars template: a variable the code forgets to give is an error, not a blank.
 */
const templateFileSchema = z.object({
  id: z.string().regex(/^document\.[a-z0-9-]+$/),
  version: z.number().int().min(1),
  text: z.record(z.string(), z.string().min(1)),
});

export const DOCUMENT_TEMPLATES_DIR = path.join(projectRoot(), 'templates', 'documents');

/** Thrown for a template or string that does not exist, or a variable a string needs that was not given. */
export class DocumentTemplateError extends Error {
  override name = 'DocumentTemplateError';
}

export type TemplateVars = Record<string, string | number | boolean>;

/** One document's wording: `t(key, vars)` renders a string of it. */
export class DocumentTemplate {
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(
    readonly id: string,
    readonly version: number,
    text: Readonly<Record<string, string>>,
  ) {
    for (const [key, source] of Object.entries(text)) {
      this.compiled.set(key, Handlebars.compile(source, { strict: true, noEscape: true }));
    }
  }

  has(key: string): boolean {
    return this.compiled.has(key);
  }

  t(key: string, vars: TemplateVars = {}): string {
    const render = this.compiled.get(key);
    if (!render) throw new DocumentTemplateError(`${this.id}: no string ${key}`);
    try {
      return render(vars);
    } catch (error) {
      throw new DocumentTemplateError(`${this.id}.${key}: ${(error as Error).message}`);
    }
  }
}

/** Every document template, loaded and compiled once from a folder. */
export class DocumentTemplates {
  private readonly byId = new Map<string, DocumentTemplate>();

  constructor(dir = DOCUMENT_TEMPLATES_DIR) {
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const file = path.join(dir, name);
      const parsed = templateFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (!parsed.success) throw new DocumentTemplateError(`${file}: needs id, version and text`);
      const { id, version, text } = parsed.data;
      if (this.byId.has(id)) throw new DocumentTemplateError(`duplicate document template ${id} in ${file}`);
      this.byId.set(id, new DocumentTemplate(id, version, text));
    }
  }

  get(id: string): DocumentTemplate {
    const template = this.byId.get(id);
    if (!template) throw new DocumentTemplateError(`unknown document template ${id}`);
    return template;
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }
}

let shared: DocumentTemplates | undefined;

/** The templates of the project, loaded on first use. */
export function documentTemplates(): DocumentTemplates {
  shared ??= new DocumentTemplates();
  return shared;
}

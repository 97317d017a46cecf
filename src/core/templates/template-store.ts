import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { projectRoot } from '../project-root';

/** A rendered template with the id and version it came from, so the text can be reproduced later. */
export interface RenderedText {
  templateId: string;
  templateVersion: number;
  text: string;
}

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9.-]+$/),
  version: z.coerce.number().int().min(1),
});

const phraseFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9.-]+$/),
  version: z.number().int().min(1),
  phrases: z.record(z.string(), z.string().min(1)),
});

interface CompiledTemplate {
  id: string;
  version: number;
  render: Handlebars.TemplateDelegate;
}

/** Thrown for a template that does not exist or a variable it needs that was not given. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * Every sentence the bot sends lives in templates/ as a Handlebars file with front matter
 * (`id`, `version`). Loaded and compiled once; rendering is strict about missing variables.
 */
export class TemplateStore {
  private readonly byId = new Map<string, CompiledTemplate>();
  private readonly phraseTables = new Map<string, Readonly<Record<string, string>>>();

  constructor(root = path.join(projectRoot(), 'templates')) {
    const files = listFiles(root);
    for (const file of files.filter((f) => f.endsWith('.hbs'))) {
      const template = compile(file);
      if (this.byId.has(template.id))
        throw new TemplateError(`duplicate template id ${template.id} in ${file}`);
      this.byId.set(template.id, template);
    }
    for (const file of files.filter((f) => f.endsWith('.phrases.json'))) {
      const parsed = phraseFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (!parsed.success) throw new TemplateError(`${file}: needs id, version and phrases`);
      if (this.phraseTables.has(parsed.data.id))
        throw new TemplateError(`duplicate phrase table ${parsed.data.id} in ${file}`);
      this.phraseTables.set(parsed.data.id, parsed.data.phrases);
    }
  }

  /**
   * A phrase table: short labels the bot shows (choice labels, step names, status names), kept
   * with the templates so no Chinese lives in code. Unknown tables are a programming error.
   */
  phrases(id: string): Readonly<Record<string, string>> {
    const table = this.phraseTables.get(id);
    if (!table) throw new TemplateError(`unknown phrase table ${id}`);
    return table;
  }

  /** One phrase; a missing key is a programming error, caught by the tests that render it. */
  phrase(id: string, key: string): string {
    const value = this.phrases(id)[key];
    if (value === undefined) throw new TemplateError(`phrase ${id}.${key} missing`);
    return value;
  }

  render(id: string, vars: Record<string, unknown> = {}): RenderedText {
    const template = this.byId.get(id);
    if (!template) throw new TemplateError(`unknown template ${id}`);
    return { templateId: id, templateVersion: template.version, text: template.render(vars).trim() };
  }
}

function compile(file: string): CompiledTemplate {
  const source = fs.readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
  if (!match) throw new TemplateError(`${file}: front matter (id, version) missing`);
  const fields = Object.fromEntries(
    match[1]!.split('\n').map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
  const meta = frontMatterSchema.safeParse(fields);
  if (!meta.success) throw new TemplateError(`${file}: front matter needs id and version`);
  return {
    ...meta.data,
    render: Handlebars.compile(match[2]!, { strict: true, noEscape: true }),
  };
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

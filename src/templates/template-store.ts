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

  constructor(root = path.join(projectRoot(), 'templates')) {
    for (const file of listFiles(root).filter((f) => f.endsWith('.hbs'))) {
      const template = compile(file);
      if (this.byId.has(template.id))
        throw new TemplateError(`duplicate template id ${template.id} in ${file}`);
      this.byId.set(template.id, template);
    }
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

import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../../core/project-root';

/** Pages above this weight fail the build's tests (issue 20: every page < 150 KB). */
export const PAGE_BUDGET_BYTES = 150 * 1024;

/**
 * The workbench's HTML pages: `templates/workbench/*.handlebars` (not `.hbs`: the bot's template
 * store loads those, without HTML escaping). Here every `{{value}}` is HTML-escaped; `layout` is a
 * partial each page wraps itself in. Compiled once.
 */
export class PageRenderer {
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();

  constructor(root = path.join(projectRoot(), 'templates', 'workbench')) {
    const hb = Handlebars.create();
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    const files = fs.readdirSync(root).filter((f) => f.endsWith('.handlebars'));
    for (const file of files) {
      const name = file.replace(/\.handlebars$/, '');
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      if (name.startsWith('_')) hb.registerPartial(name.slice(1), source);
      else this.pages.set(name, hb.compile(source, { strict: false }));
    }
  }

  render(page: string, vars: Record<string, unknown>): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`unknown workbench page ${page}`);
    return template(vars);
  }
}

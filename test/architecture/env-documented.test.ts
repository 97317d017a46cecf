import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/core/project-root';

const root = projectRoot();
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Variables of the machine itself, not of this product. */
const SYSTEM = new Set(['PATH', 'HOME', 'NODE_ENV', 'LD_PRELOAD']);

describe('every environment variable the code reads is documented', () => {
  const readme = read('README.md');
  const example = read('.env.example');
  const schema = read('src/core/config/env-schema.ts');
  const configured = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
  const readDirectly = [
    ...new Set(
      [...tsFiles('src'), ...tsFiles('scripts')].flatMap((file) =>
        [...read(file).matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!),
      ),
    ),
  ].filter((name) => !SYSTEM.has(name));

  it('finds the configuration schema', () => {
    expect(configured).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'WECOM_CORP_ID', 'LLM_MODEL']),
    );
  });

  it('the README table names each, and .env.example has each setting of the service', () => {
    expect([...configured, ...readDirectly].filter((name) => !readme.includes(name))).toEqual([]);
    expect(configured.filter((name) => !example.includes(name))).toEqual([]);
  });
});

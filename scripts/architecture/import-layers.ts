/**
 * The import rule of docs/architecture.md, checked on the source: entry points (src/app) →
 * features → core → domain, never back; features depend on each other without cycles; the domain
 * does no I/O. `findLayerViolations` is pure so a test can show it catches a deliberate breach.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  from: string;
  /** Repository-relative path of the imported file, or the specifier of a package. */
  to: string;
  kind: 'file' | 'package';
}

type Layer = 'app' | 'sandbox' | 'feature' | 'core' | 'domain' | 'outside';

/** Packages the domain may use: validation, the official holiday data, and hashing (no I/O). */
const DOMAIN_PACKAGES = new Set(['zod', 'chinese-days', 'node:crypto']);

/** Which layers each layer may import (its own included). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  app: ['app', 'sandbox', 'feature', 'core', 'domain'],
  sandbox: ['sandbox', 'core', 'domain'],
  feature: ['feature', 'core', 'domain'],
  core: ['core', 'domain'],
  domain: ['domain'],
  outside: ['app', 'sandbox', 'feature', 'core', 'domain', 'outside'],
};

function layerOf(file: string): Layer {
  if (file.startsWith('src/app/')) return 'app';
  if (file.startsWith('src/sandbox/')) return 'sandbox';
  if (file.startsWith('src/features/')) return 'feature';
  if (file.startsWith('src/core/')) return 'core';
  if (file.startsWith('src/domain/')) return 'domain';
  return 'outside';
}

function featureOf(file: string): string | undefined {
  return /^src\/features\/([^/]+)\//.exec(file)?.[1];
}

/** Every breach of the rule, as sentences naming the two files. */
export function findLayerViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  const featureEdges = new Map<string, Set<string>>();
  for (const { from, to, kind } of edges) {
    const fromLayer = layerOf(from);
    if (!from.startsWith('src/')) continue;
    if (kind === 'package') {
      const name = to.startsWith('@') ? to.split('/').slice(0, 2).join('/') : to.split('/')[0]!;
      if (fromLayer === 'domain' && !DOMAIN_PACKAGES.has(name))
        problems.push(
          `${from} imports ${to}: the domain does no I/O and uses only ${[...DOMAIN_PACKAGES].join(', ')}`,
        );
      continue;
    }
    const toLayer = layerOf(to);
    if (toLayer === 'outside') {
      problems.push(`${from} imports ${to}, outside src/`);
      continue;
    }
    if (!ALLOWED[fromLayer].includes(toLayer)) {
      problems.push(`${from} (${fromLayer}) imports ${to} (${toLayer})`);
      continue;
    }
    const a = featureOf(from);
    const b = featureOf(to);
    if (a && b && a !== b) {
      const targets = featureEdges.get(a) ?? new Set<string>();
      targets.add(b);
      featureEdges.set(a, targets);
    }
  }
  for (const cycle of featureCycles(featureEdges))
    problems.push(`features import each other in a cycle: ${cycle}`);
  return problems;
}

function featureCycles(graph: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, trail: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return cycles;
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g;

/** The imports of every .ts file under `src/` of the repository at `root`. */
export function readSourceImports(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of listTs(path.join(root, 'src'))) {
    const from = path.relative(root, file);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(SPECIFIER)) {
      const spec = match[2]!;
      if (!spec.startsWith('.')) {
        edges.push({ from, to: spec, kind: 'package' });
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const target = [base, `${base}.ts`, path.join(base, 'index.ts')].find(
        (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
      );
      edges.push({ from, to: path.relative(root, target ?? base), kind: 'file' });
    }
  }
  return edges;
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listTs(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

import { findLayerViolations, readSourceImports } from '../../scripts/architecture/import-layers';
import { projectRoot } from '../../src/core/project-root';

describe('import layers (docs/architecture.md)', () => {
  it('the source follows them: app → features → core → domain, features without cycles', () => {
    const edges = readSourceImports(projectRoot());
    expect(edges.length).toBeGreaterThan(500);
    expect(findLayerViolations(edges)).toEqual([]);
  });

  it('catches a core module importing a feature', () => {
    const problems = findLayerViolations([
      { from: 'src/core/bot/handler-deps.ts', to: 'src/features/knowledge/knowledge-base.ts', kind: 'file' },
    ]);
    expect(problems).toEqual([
      'src/core/bot/handler-deps.ts (core) imports src/features/knowledge/knowledge-base.ts (feature)',
    ]);
  });

  it('catches the domain doing I/O or reaching into the core', () => {
    const problems = findLayerViolations([
      { from: 'src/domain/calendar/load.ts', to: 'node:fs', kind: 'package' },
      { from: 'src/domain/case/x.ts', to: 'src/core/db/database.ts', kind: 'file' },
      {
        from: 'src/domain/calendar/official-schedule.ts',
        to: 'chinese-days/dist/chinese-days.json',
        kind: 'package',
      },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('node:fs');
    expect(problems[1]).toContain('(domain) imports src/core/db/database.ts (core)');
  });

  it('catches features importing each other in a cycle and anything importing an entry point', () => {
    const problems = findLayerViolations([
      { from: 'src/features/casework/a.ts', to: 'src/features/meetings/b.ts', kind: 'file' },
      { from: 'src/features/meetings/b.ts', to: 'src/features/casework/c.ts', kind: 'file' },
      { from: 'src/features/bureau/d.ts', to: 'src/app/service.ts', kind: 'file' },
      { from: 'src/core/outbox/e.ts', to: 'handlers/index.ts', kind: 'file' },
    ]);
    expect(problems).toEqual([
      'src/features/bureau/d.ts (feature) imports src/app/service.ts (app)',
      'src/core/outbox/e.ts imports handlers/index.ts, outside src/',
      'features import each other in a cycle: casework → meetings → casework',
    ]);
  });
});

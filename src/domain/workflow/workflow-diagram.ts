import { CASE_STATES } from './case-states';
import { TRANSITIONS } from './transition-table';

/**
 * docs/workflow.md, generated from the transition table so the picture can never drift from the
 * rules: a Mermaid state diagram and a table of every step with its roles, guards and clause.
 */
export function workflowMarkdown(): string {
  const edges = TRANSITIONS.flatMap((t) =>
    t.from.map((from) => `  ${from} --> ${t.to === 'same' ? from : t.to} : ${t.event}`),
  );
  const rows = TRANSITIONS.map(
    (t) =>
      `| ${t.from.join(', ')} | \`${t.event}\` | ${t.to} | ${t.roles.join(', ')} (${t.tenant}) | ${
        t.guards.map((g) => `${g.name} (${g.clause})`).join('; ') || '—'
      } | ${t.effects.join(', ') || '—'} | ${t.clause} |`,
  );
  return [
    '# Case workflow',
    '',
    'Generated from `src/domain/workflow/transition-table.ts` by `npm run docs:workflow`; a test fails when',
    'this file is out of date. Clauses are those of 舒政办发〔2023〕9号.',
    '',
    '```mermaid',
    'stateDiagram-v2',
    '  [*] --> submitted',
    ...edges,
    '```',
    '',
    `States: ${CASE_STATES.map((s) => `\`${s}\``).join(', ')}.`,
    '',
    '| from | event | to | who (township) | guards | effects | clause |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

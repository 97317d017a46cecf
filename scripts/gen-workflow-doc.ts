/** `npm run docs:workflow`: regenerates docs/workflow.md from the transition table. */
import fs from 'node:fs';
import path from 'node:path';
import { workflowMarkdown } from '../src/domain/workflow/workflow-diagram';

const file = path.join(__dirname, '..', 'docs', 'workflow.md');
fs.writeFileSync(file, workflowMarkdown());
process.stdout.write(`wrote ${file}\n`);

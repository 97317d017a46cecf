/**
 * `npm run docs:documents`: renders every document of the fictitious case (scripts/documents/
 * sample-case.ts) and its case archive, and writes page 1 of each as docs/documents/<id>.png
 * through poppler's pdftoppm, so anyone can see the paper without running the product.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/project-root';
import {
  DOCUMENT_KINDS,
  type DocumentCaseInput,
  type DocumentKind,
  renderCaseArchive,
  renderDocument,
} from '../../src/features/documents';
import {
  rejectedCase,
  SAMPLE_ISSUE,
  sampleArchive,
  sampleCase,
  stoppedCase,
  temporaryAidCase,
} from './sample-case';

const CASE_FOR: Partial<Record<DocumentKind, () => DocumentCaseInput>> = {
  temporary_aid_approval: temporaryAidCase,
  rejection_notice: rejectedCase,
  change_notice: stoppedCase,
};

function toPng(pdf: Uint8Array, out: string): void {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'documents-')), 'doc.pdf');
  fs.writeFileSync(tmp, pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    tmp,
    out.replace(/\.png$/, ''),
  ]);
  fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
}

async function main(): Promise<void> {
  const dir = path.join(projectRoot(), 'docs', 'documents');
  fs.mkdirSync(dir, { recursive: true });
  for (const kind of DOCUMENT_KINDS) {
    const outcome = await renderDocument(kind, (CASE_FOR[kind] ?? sampleCase)(), SAMPLE_ISSUE);
    if (outcome.kind === 'refused') throw new Error(`${kind}: ${outcome.refusal.detail}`);
    toPng(outcome.document.bytes, path.join(dir, `${kind}.png`));
    process.stdout.write(
      `${kind}.png (${outcome.document.templateId} v${outcome.document.templateVersion})\n`,
    );
  }
  const archive = await renderCaseArchive(sampleArchive());
  toPng(archive.bytes, path.join(dir, 'case_archive.png'));
  process.stdout.write(`case_archive.png (${archive.pages} pages)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`render-samples failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

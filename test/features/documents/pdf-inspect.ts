import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { projectRoot } from '../../../src/core/project-root';

/**
 * What the document tests read back from a PDF: its text as a reader extracts it (pdfjs-dist,
 * the way a viewer's copy or search would), its fonts, and page 1 as a PNG for a reviewer.
 */

/** Text of each PDF, per page, extracted in one child process for all of them. */
export function extractText(pdfs: Record<string, Uint8Array>): Record<string, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'documents-text-'));
  try {
    const files = Object.entries(pdfs).map(([name, bytes]) => {
      const file = path.join(dir, `${name}.pdf`);
      fs.writeFileSync(file, bytes);
      return [name, file] as const;
    });
    const script = path.join(__dirname, 'extract-text.mjs');
    const json = execFileSync(process.execPath, [script, ...files.map(([, f]) => f)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const parsed = JSON.parse(json) as Record<string, string[]>;
    return Object.fromEntries(files.map(([name, file]) => [name, parsed[file] ?? []]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** All text of a PDF with white space removed, so wrapped lines still match whole phrases. */
export function flat(pages: string[]): string {
  return pages.join('').replace(/\s+/g, '');
}

export interface EmbeddedFont {
  name: string;
  /** FontFile2 (TrueType) or FontFile3 (CFF): the font program is inside the PDF. */
  embedded: boolean;
  programBytes: number;
}

/** The font descriptors of a PDF. */
export async function embeddedFonts(bytes: Uint8Array): Promise<EmbeddedFont[]> {
  const doc = await PDFDocument.load(bytes);
  const fonts: EmbeddedFont[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor'))
      continue;
    const name = object.get(PDFName.of('FontName'));
    const file = object.get(PDFName.of('FontFile2')) ?? object.get(PDFName.of('FontFile3'));
    const program = file ? doc.context.lookup(file) : undefined;
    fonts.push({
      name: name instanceof PDFName ? name.decodeText() : String(name),
      embedded: file !== undefined,
      programBytes: program && 'contents' in program ? (program.contents as Uint8Array).length : 0,
    });
  }
  return fonts;
}

const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;

/**
 * Renders page 1 to test-output/<name>.png where poppler's pdftoppm is installed (.ci/run
 * installs it), so a reviewer can look at what the tests generated. Returns false without it.
 */
export function renderPage1(name: string, bytes: Uint8Array): boolean {
  if (!hasPdftoppm) return false;
  const dir = path.join(projectRoot(), 'test-output', 'documents');
  fs.mkdirSync(dir, { recursive: true });
  const pdf = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdf, bytes);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '72',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    path.join(dir, name),
  ]);
  fs.rmSync(pdf);
  return fs.existsSync(path.join(dir, `${name}.png`));
}

export { hasPdftoppm };

// Prints the text of each PDF named on the command line as JSON { file: [page texts] }, through
// pdfjs-dist's legacy build. A separate process because pdfjs is an ES module that jest's
// CommonJS transform cannot load.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pdfjs = await import(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'));
const out = {};
for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(fs.readFileSync(file));
  const doc = await pdfjs.getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
    );
  }
  out[file] = pages;
  await doc.destroy();
}
process.stdout.write(JSON.stringify(out));

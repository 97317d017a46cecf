import { SAMPLE_ISSUE, sampleCase } from '../../../scripts/documents/sample-case';
import { type GeneratedDocument, renderDocument } from '../../../src/features/documents';
import { embeddedFonts } from './pdf-inspect';

async function render(): Promise<GeneratedDocument> {
  const outcome = await renderDocument('application', sampleCase(), SAMPLE_ISSUE);
  if (outcome.kind !== 'rendered') throw new Error('refused');
  return outcome.document;
}

test('the CJK font is embedded as a subset (six-letter tag, FontFile2) and stays small', async () => {
  const fonts = await embeddedFonts((await render()).bytes);
  expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
    'NotoSerifSC-Bold',
    'NotoSerifSC-Regular',
  ]);
  for (const font of fonts) {
    expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-/);
    expect(font.embedded).toBe(true);
    // The whole face is ~15 MB; a form's subset is a few tens of kilobytes.
    expect(font.programBytes).toBeGreaterThan(1000);
    expect(font.programBytes).toBeLessThan(200 * 1024);
  }
});

test('the same case and clock give the same bytes (the SHA-256 recorded with the file can be reproduced)', async () => {
  const [a, b] = [await render(), await render()];
  expect(a.sha256).toBe(b.sha256);
});

import { renderCaseArchive, renderDocument } from '../../src/features/documents';
import { SAMPLE_ISSUE, sampleArchive, sampleCase } from '../documents/sample-case';

/**
 * Time to generate one document (the 申请书, the longest form) and one whole case archive without
 * photos, and their sizes. Goals (issue 19): one document < 300 ms and < 300 KB; a typical archive
 * < 2 s. The first run in a process also loads and parses the 15 MB font files: shown apart.
 */
export async function benchDocuments(): Promise<string[]> {
  const rounds = Number(process.env.BENCH_DOCUMENT_ROUNDS ?? 10);
  const time = async <T>(run: () => Promise<T>): Promise<[number, T]> => {
    const started = performance.now();
    const result = await run();
    return [performance.now() - started, result];
  };
  const one = async () => {
    const outcome = await renderDocument('application', sampleCase(), SAMPLE_ISSUE);
    if (outcome.kind !== 'rendered') throw new Error('application refused');
    return outcome.document;
  };
  const [coldMs, first] = await time(one);
  const docTimes: number[] = [];
  for (let i = 0; i < rounds; i++) docTimes.push((await time(one))[0]);
  const archiveTimes: number[] = [];
  let archive = await renderCaseArchive(sampleArchive());
  for (let i = 0; i < rounds; i++) {
    const [ms, result] = await time(() => renderCaseArchive(sampleArchive()));
    archiveTimes.push(ms);
    archive = result;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    `rounds: ${rounds} (BENCH_DOCUMENT_ROUNDS)`,
    `first document in a fresh process (font files loaded and parsed): ${coldMs.toFixed(0)} ms`,
    `one document (申请书, ${first.pages} pages): median ${median(docTimes).toFixed(0)} ms, max ${Math.max(...docTimes).toFixed(0)} ms, ${kb(first.bytes.length)}  (goal < 300 ms, < 300 KB)`,
    `case archive without photos (${archive.pages} pages): median ${median(archiveTimes).toFixed(0)} ms, max ${Math.max(...archiveTimes).toFixed(0)} ms, ${kb(archive.bytes.length)}  (goal < 2 s)`,
  ];
}

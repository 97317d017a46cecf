import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  confidentialCase,
  SAMPLE_ISSUE,
  sampleArchive,
  temporaryAidCase,
} from '../../../scripts/documents/sample-case';
import { renderCaseArchive, renderMonthlyBundle } from '../../../src/features/documents';
import { extractText, flat, renderPage1 } from './pdf-inspect';
import { jpegPhoto, pngPhoto } from './sample-images';

const photos = () => [
  {
    label: '户口簿（首页及本人页）',
    source: 'resident' as const,
    receivedOn: '2026-11-03',
    bytes: jpegPhoto(),
  },
  { label: '李建国诊断证明', source: 'resident' as const, receivedOn: '2026-11-05', bytes: pngPhoto() },
  {
    label: '公示张贴照片',
    source: 'staff' as const,
    receivedOn: '2026-11-18',
    bytes: pngPhoto(160, 240),
    signedCopyOf: 'publicity' as const,
  },
];

test('一户一档: a cover, contents listing every document and photo with its page, the photos on pages', async () => {
  const archive = await renderCaseArchive(sampleArchive(photos()));
  renderPage1('case-archive', archive.bytes);
  const { archive: pages } = extractText({ archive: archive.bytes });
  const all = pages!;
  const cover = flat([all[0]!]);
  expect(cover).toContain('社会救助审批档案');
  expect(cover).toContain('PA-2026-0117');
  expect(cover).toContain('张桂兰');
  expect(cover).toContain('最低生活保障');
  expect(cover).toContain('2026年11月2日');
  expect(cover).toContain('2026年11月9日');
  expect(cover).toContain('2026年12月1日');
  expect(cover).toContain('2026年12月5日');
  const contents = flat([all[1]!]);
  expect(contents).toContain('卷内目录');
  const titles = [
    '最低生活保障申请书',
    '家庭经济状况核对授权书',
    '户口簿（首页及本人页）',
    '李建国诊断证明',
    '近亲属低保备案表',
    '补正材料一次性告知书',
    '受理通知书',
    '家庭经济状况入户调查表',
    '未开展民主评议情况说明',
    '公示（签字件）',
    '社会救助审核结果确认评审合议会会议记录',
    '审批结果通知书',
  ];
  for (const title of titles) expect(contents.replace(/\s/g, '')).toContain(title.replace(/\s/g, ''));
  // Each listed page really holds what the contents say: check a photo's caption on its page.
  const caption = '李建国诊断证明（申请人提交，2026年11月5日）';
  const page = all.findIndex((p) => flat([p]).includes(caption)) + 1;
  expect(page).toBeGreaterThan(2);
  expect(contents).toContain(`李建国诊断证明材料照片${page}`);
  expect(archive.pages).toBe(all.length);
  expect(flat(all)).toContain(`第${archive.pages}页共${archive.pages}页`);
});

test('an archive without photos is fast enough to make on demand and small', async () => {
  const started = performance.now();
  const archive = await renderCaseArchive(sampleArchive());
  // Figures are for the bench; this only guards against something an order of magnitude off.
  expect(performance.now() - started).toBeLessThan(20_000);
  expect(archive.bytes.length).toBeLessThan(1024 * 1024);
});

test('the archive of an HIV-tagged case holds no 公示, appraisal or meeting record', async () => {
  const archive = await renderCaseArchive({ ...sampleArchive(), kase: confidentialCase() });
  const text = flat(extractText({ a: archive.bytes }).a!);
  expect(text).not.toContain('拟纳入');
  expect(text).not.toContain('评审合议会会议记录');
  expect(text).not.toContain('民主评议');
  expect(text).toContain('审批结果通知书');
});

test('photos must be JPEG or PNG', async () => {
  const bad = [
    { label: 'x', source: 'resident' as const, receivedOn: '2026-11-03', bytes: new Uint8Array([1, 2, 3]) },
  ];
  await expect(renderCaseArchive(sampleArchive(bad))).rejects.toThrow(/JPEG or PNG/);
});

test('the monthly bundle: the given 月报表, a summary with where each archive starts, then the archives', async () => {
  const report = await PDFDocument.create();
  const font = await report.embedFont(StandardFonts.Helvetica);
  report.addPage().drawText('MONTHLY REPORT 2026-12', { x: 50, y: 700, size: 18, font });
  const first = sampleArchive();
  const second = { ...sampleArchive(), kase: temporaryAidCase() };
  const bundle = await renderMonthlyBundle({
    township: first.kase.township,
    month: '2026-12',
    preparedOn: '2027-01-04',
    generatedAt: SAMPLE_ISSUE.generatedAt,
    report: await report.save(),
    archives: [first, second],
  });
  const [a, b] = [await renderCaseArchive(first), await renderCaseArchive(second)];
  expect(bundle.pages).toBe(1 + 1 + a.pages + b.pages);
  const pages = extractText({ bundle: bundle.bytes }).bundle!;
  expect(pages[0]).toContain('MONTHLY REPORT 2026-12');
  const summary = flat([pages[1]!]);
  expect(summary).toContain('平安镇人民政府社会救助审批结果月报表');
  expect(summary).toContain('2026年12月');
  expect(summary).toContain('PA-2026-0117');
  expect(summary).toContain('PA-2026-0130');
  expect(summary).toContain('本月共报送档案2份');
  // The second archive starts after the report, the summary and the first archive.
  expect(summary).toContain(`PA-2026-0130张桂兰临时救助（急难型）4批准3,000.002026年11月23日${3 + a.pages}`);
  expect(flat([pages[2]!])).toContain('社会救助审批档案');
  expect(flat([pages[2 + a.pages]!])).toContain('PA-2026-0130');
});

import { PDFDocument } from 'pdf-lib';
import { renderCaseArchive } from './case-archive';
import { chineseDate, chineseMonth, yuanDigits } from './chinese-format';
import { type MonthlyBundleInput, monthlyBundleSchema } from './document-models';
import { type DocumentTemplate, documentTemplates } from './document-templates';
import { issuerName, programName } from './form-parts';
import type { PdfCanvas } from './pdf-canvas';
import { type GeneratedDocument, newCanvas, sha256 } from './render-document';

const TEMPLATE_ID = 'document.monthly-bundle';

interface SummaryLine {
  caseId: string;
  head: string;
  program: string;
  householdSize: number;
  decision: string;
  amount: string;
  decidedOn: string;
  page: number;
}

/**
 * The monthly filing with the bureau (六(三): “审批结果以月报表形式与审批档案一同报送市民政局备案”;
 * 八: the bureau keeps a copy): the given 月报表 PDF if there is one, a summary page listing each
 * case with the page its archive starts on, then every archive of the month.
 */
export async function renderMonthlyBundle(input: MonthlyBundleInput): Promise<GeneratedDocument> {
  const bundle = monthlyBundleSchema.parse(input);
  const t = documentTemplates().get(TEMPLATE_ID);
  const common = documentTemplates().get('document.common');
  const issuer = issuerName(common, bundle.township);
  const archives = [];
  for (const archive of bundle.archives) archives.push(await renderCaseArchive(archive));
  const report = bundle.report ? await PDFDocument.load(bundle.report) : undefined;

  const lines = (pageOf: (i: number) => number): SummaryLine[] =>
    bundle.archives.map(({ kase }, i) => {
      const d = kase.decision;
      return {
        caseId: kase.caseId,
        head: kase.applicant.name,
        program: programName(common, kase.program, kase.temporaryAidKind),
        householdSize:
          d && (d.type === 'approve' || d.type === 'adjust') ? d.householdSize : kase.householdSize,
        decision: documentTemplates()
          .get('document.case-archive')
          .t(`decision.${d?.type ?? 'pending'}`),
        amount: d && (d.type === 'approve' || d.type === 'adjust') ? yuanDigits(d.amountFen) : '',
        decidedOn: d ? chineseDate(common, d.decidedOn) : '',
        page: pageOf(i),
      };
    });
  const title = t.t('title', { issuer });
  const seed = `${bundle.township.name}|${bundle.month}`;
  // The summary lists the page each archive starts on, which depends on its own length: draw it
  // once to count its pages, then for real.
  const draft = await newCanvas(title, seed, bundle.generatedAt);
  drawSummary(
    draft,
    t,
    bundle.month,
    common,
    lines(() => 999),
  );
  const before = (report?.getPageCount() ?? 0) + draft.pageCount;
  const starts: number[] = [];
  archives.reduce((next, a) => {
    starts.push(next);
    return next + a.pages;
  }, before + 1);
  const summary = await newCanvas(title, seed, bundle.generatedAt);
  drawSummary(
    summary,
    t,
    bundle.month,
    common,
    lines((i) => starts[i]!),
  );
  const summaryBytes = await summary.finish();

  const out = await PDFDocument.create();
  out.setTitle(title);
  out.setLanguage('zh-CN');
  out.setProducer('shulan-assist documents (pdf-lib)');
  out.setCreationDate(bundle.generatedAt);
  out.setModificationDate(bundle.generatedAt);
  const append = async (doc: PDFDocument) => {
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
  };
  if (report) await append(report);
  await append(await PDFDocument.load(summaryBytes));
  for (const archive of archives) await append(await PDFDocument.load(archive.bytes));
  const bytes = await out.save({ useObjectStreams: true });
  return {
    kind: 'monthly_bundle',
    templateId: t.id,
    templateVersion: t.version,
    title,
    fileName: `${bundle.month}-monthly-bundle.pdf`,
    bytes,
    pages: out.getPageCount(),
    sha256: sha256(bytes),
  };
}

function drawSummary(
  canvas: PdfCanvas,
  t: DocumentTemplate,
  month: string,
  common: DocumentTemplate,
  lines: SummaryLine[],
): void {
  canvas.setReference(`${month} · ${t.id} v${t.version}`);
  canvas.newPage();
  canvas.title(canvas.doc.getTitle() ?? '', 17);
  canvas.paragraph(t.t('month', { month: chineseMonth(common, month) }), { size: 11, align: 'right' });
  canvas.space(4);
  const head = (text: string) => ({ text, shade: true, align: 'center' as const });
  const cell = (text: string) => ({ text, align: 'center' as const });
  canvas.table(
    [6, 17, 10, 14, 7, 10, 11, 15, 10],
    [
      {
        cells: [
          'n',
          'caseId',
          'head',
          'program',
          'householdSize',
          'decision',
          'amount',
          'decidedOn',
          'page',
        ].map((k) => head(t.t(k))),
      },
      ...lines.map((l, i) => ({
        cells: [
          cell(String(i + 1)),
          cell(l.caseId),
          cell(l.head),
          cell(l.program),
          cell(String(l.householdSize)),
          cell(l.decision),
          cell(l.amount),
          cell(l.decidedOn),
          cell(String(l.page)),
        ],
      })),
    ],
    { size: 9, header: 1 },
  );
  canvas.space(8);
  canvas.paragraph(t.t('total', { count: lines.length }), { size: 11, indent: 2 });
  canvas.paragraph(t.t('basis'), { size: 10, indent: 2 });
  canvas.space(10);
  for (const who of ['preparerSigns', 'leaderSigns']) {
    canvas.segments([{ text: `${t.t(who)}${common.t('sign')}${common.t('colon')}`, x: 0, underline: 120 }]);
  }
}

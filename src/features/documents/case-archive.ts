import { BUILDERS } from './builders';
import { chineseDate } from './chinese-format';
import { DOCUMENT_KINDS, type DocumentKind, TEMPLATE_OF } from './document-kinds';
import {
  type ArchivePhoto,
  type CaseArchive,
  type CaseArchiveInput,
  caseArchiveSchema,
  imageKind,
} from './document-models';
import { type DocumentTemplate, documentTemplates } from './document-templates';
import { issuerName, programName } from './form-parts';
import type { PdfCanvas } from './pdf-canvas';
import { drawDocument, type GeneratedDocument, newCanvas, refusalFor, sha256 } from './render-document';

const TEMPLATE_ID = 'document.case-archive';

type Entry =
  | { type: 'document'; kind: DocumentKind; title: string }
  | { type: 'photo'; photo: ArchivePhoto; title: string; signed: boolean };

interface ContentsLine {
  title: string;
  kindLabel: string;
  page: number;
}

/**
 * The case archive (一户一档; 八: paper archive in two copies, the township keeps the original,
 * the bureau a copy; 六(三): filed monthly with the bureau): one PDF with a cover, a table of
 * contents listing every document and every photo with its page, then the documents the case
 * has reached in archive order, each followed by its signed copy if one was sent, and the
 * material photos after the application papers. Documents refused for the case (an HIV case's
 * 公示, an undeclared near-relative form) are simply not part of it.
 */
export async function renderCaseArchive(input: CaseArchiveInput): Promise<GeneratedDocument> {
  const archive = caseArchiveSchema.parse(input);
  const { kase } = archive;
  const t = documentTemplates().get(TEMPLATE_ID);
  const entries = archiveEntries(archive, t);
  const title = `${t.t('coverTitle')} ${kase.caseId}`;
  const seed = `${kase.caseId}|archive`;
  const reference = `${kase.caseId} · ${t.id} v${t.version}`;
  const line = (e: Entry, page: number): ContentsLine => ({
    title: e.title,
    kindLabel: t.t(e.type === 'document' ? 'kind.document' : e.signed ? 'kind.signed' : 'kind.photo'),
    page,
  });

  // The contents come before the documents but list their pages: count its pages on a scratch
  // canvas, set that many aside, and fill them in once every page number is known.
  const scratch = await newCanvas(title, seed, archive.generatedAt);
  scratch.newPage();
  drawContents(
    scratch,
    t,
    entries.map((e) => line(e, 999)),
  );

  const canvas = await newCanvas(title, seed, archive.generatedAt);
  canvas.setReference(reference);
  drawCover(canvas, t, archive);
  const reserved = canvas.reserve(scratch.pageCount);
  const starts: number[] = [];
  for (const entry of entries) {
    // Every entry starts on a page of its own, appended after the last.
    starts.push(canvas.pageCount + 1);
    if (entry.type === 'document') {
      drawDocument(canvas, entry.kind, kase, {
        issuedOn: archive.archivedOn,
        generatedAt: archive.generatedAt,
      });
    } else {
      canvas.setReference(reference);
      await drawPhoto(canvas, t, entry.photo, entry.title);
    }
  }
  canvas.setReference(reference);
  canvas.fill(reserved);
  drawContents(
    canvas,
    t,
    entries.map((e, i) => line(e, starts[i]!)),
  );
  const bytes = await canvas.finish();
  return {
    kind: 'case_archive',
    templateId: t.id,
    templateVersion: t.version,
    title,
    fileName: `${kase.caseId}-archive.pdf`,
    bytes,
    pages: canvas.pageCount,
    sha256: sha256(bytes),
  };
}

/** The archive's entries in order: documents the case has, signed copies after theirs, materials after the 授权书. */
function archiveEntries(archive: CaseArchive, t: DocumentTemplate): Entry[] {
  const { kase, photos } = archive;
  const templates = documentTemplates();
  const entries: Entry[] = [];
  for (const kind of DOCUMENT_KINDS) {
    if (refusalFor(kind, kase)) continue;
    const title = BUILDERS[kind].title(templates.get(TEMPLATE_OF[kind]), kase);
    entries.push({ type: 'document', kind, title });
    for (const photo of photos.filter((p) => p.signedCopyOf === kind)) {
      entries.push({ type: 'photo', photo, title: t.t('signedCopyOf', { title }), signed: true });
    }
    if (kind === 'authorisation') {
      for (const photo of photos.filter((p) => !p.signedCopyOf)) {
        entries.push({ type: 'photo', photo, title: photo.label, signed: false });
      }
    }
  }
  // A signed copy of a document the case does not produce (yet) is still kept, at the end.
  for (const photo of photos.filter((p) => p.signedCopyOf && refusalFor(p.signedCopyOf, kase))) {
    entries.push({ type: 'photo', photo, title: photo.label, signed: true });
  }
  return entries;
}

function drawCover(canvas: PdfCanvas, t: DocumentTemplate, archive: CaseArchive): void {
  const { kase } = archive;
  const common = documentTemplates().get('document.common');
  const date = (d: string | undefined) => (d ? chineseDate(common, d) : '');
  canvas.newPage();
  canvas.space(110);
  canvas.title(t.t('coverTitle'), 30);
  canvas.paragraph(t.t('coverSubtitle'), { size: 16, align: 'center' });
  canvas.space(50);
  const decision = kase.decision?.type ?? 'pending';
  const rows: [string, string][] = [
    [t.t('caseId'), kase.caseId],
    [t.t('head'), kase.applicant.name],
    [t.t('program'), programName(common, kase.program, kase.temporaryAidKind)],
    [t.t('township'), issuerName(common, kase.township)],
    [t.t('village'), kase.village],
    [t.t('householdSize'), common.t('persons', { count: kase.householdSize })],
    [t.t('submittedOn'), date(kase.submittedOn)],
    [t.t('acceptedOn'), date(kase.acceptance?.acceptedOn)],
    [t.t('decision'), t.t(`decision.${decision}`)],
    [t.t('decidedOn'), date(kase.decision?.decidedOn)],
    [t.t('archivedOn'), date(archive.archivedOn)],
  ];
  canvas.table(
    [30, 70],
    rows.map(([k, v]) => ({
      cells: [{ text: k, shade: true, align: 'center' }, { text: v }],
      minHeight: 30,
    })),
    { size: 13 },
  );
  canvas.space(30);
  canvas.paragraph(t.t('keeper', { issuer: issuerName(common, kase.township) }), { size: 10.5, indent: 2 });
}

function drawContents(canvas: PdfCanvas, t: DocumentTemplate, lines: ContentsLine[]): void {
  canvas.title(t.t('tocTitle'), 20);
  canvas.table(
    [9, 63, 14, 14],
    [
      {
        cells: [
          { text: t.t('n'), shade: true, align: 'center' },
          { text: t.t('item'), shade: true, align: 'center' },
          { text: t.t('kind'), shade: true, align: 'center' },
          { text: t.t('page'), shade: true, align: 'center' },
        ],
      },
      ...lines.map((l, i) => ({
        cells: [
          { text: String(i + 1), align: 'center' as const },
          { text: l.title },
          { text: l.kindLabel, align: 'center' as const },
          { text: String(l.page), align: 'center' as const },
        ],
      })),
    ],
    { size: 11, header: 1 },
  );
}

async function drawPhoto(
  canvas: PdfCanvas,
  t: DocumentTemplate,
  photo: ArchivePhoto,
  title: string,
): Promise<void> {
  const common = documentTemplates().get('document.common');
  canvas.newPage();
  canvas.paragraph(
    t.t('photoCaption', {
      label: title,
      source: t.t(`source.${photo.source}`),
      receivedOn: chineseDate(common, photo.receivedOn),
    }),
    { size: 12, face: 'bold' },
  );
  canvas.space(6);
  // The schema admits only JPEG and PNG.
  await canvas.image(photo.bytes, imageKind(photo.bytes) ?? 'jpeg');
}

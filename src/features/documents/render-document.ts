import { createHash } from 'node:crypto';
import { BUILDERS } from './builders';
import { type DocumentKind, type DocumentRefusal, TEMPLATE_OF } from './document-kinds';
import {
  type DocumentCase,
  type DocumentCaseInput,
  documentCaseSchema,
  type Issue,
  issueSchema,
} from './document-models';
import { documentTemplates } from './document-templates';
import type { BuildContext } from './form-parts';
import { PdfCanvas } from './pdf-canvas';

/** A generated PDF and what the case record keeps about it (template id and version, SHA-256). */
export interface GeneratedDocument {
  kind: DocumentKind | 'case_archive' | 'monthly_bundle';
  templateId: string;
  templateVersion: number;
  title: string;
  /** Suggested file name: `<caseId>-<kind>.pdf`. */
  fileName: string;
  bytes: Uint8Array;
  pages: number;
  sha256: string;
}

export type DocumentOutcome =
  | { kind: 'rendered'; document: GeneratedDocument }
  | { kind: 'refused'; refusal: DocumentRefusal };

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The canvas every document and archive is drawn on, numbered with the common wording. */
export async function newCanvas(title: string, seed: string, generatedAt: Date): Promise<PdfCanvas> {
  const common = documentTemplates().get('document.common');
  return PdfCanvas.create({
    title,
    seed,
    generatedAt,
    pageNumber: (page, total) => common.t('pageNumber', { page, total }),
  });
}

/** Draws one document of a parsed case onto a canvas (its own pages); the archive calls this for each. */
export function drawDocument(
  canvas: PdfCanvas,
  kind: DocumentKind,
  kase: DocumentCase,
  issue: Issue,
): string {
  const templates = documentTemplates();
  const t = templates.get(TEMPLATE_OF[kind]);
  const ctx: BuildContext = { canvas, t, common: templates.get('document.common'), kase, issue };
  canvas.setReference(`${kase.caseId} · ${t.id} v${t.version}`);
  BUILDERS[kind].draw(ctx);
  return BUILDERS[kind].title(t, kase);
}

/** Why `kind` cannot be produced for this case, or undefined. */
export function refusalFor(kind: DocumentKind, kase: DocumentCase): DocumentRefusal | undefined {
  return BUILDERS[kind].refuse(kase);
}

/**
 * Renders one document of a case as a PDF, or says why it is not produced (an HIV case's 公示,
 * a near-relative form nobody declared, a step not reached). The input is parsed first: a model
 * that does not match the schema throws a ZodError naming the field.
 */
export async function renderDocument(
  kind: DocumentKind,
  caseInput: DocumentCaseInput,
  issueInput: Issue,
): Promise<DocumentOutcome> {
  const kase = documentCaseSchema.parse(caseInput);
  const issue = issueSchema.parse(issueInput);
  const refused = refusalFor(kind, kase);
  if (refused) return { kind: 'refused', refusal: refused };
  const t = documentTemplates().get(TEMPLATE_OF[kind]);
  const title = BUILDERS[kind].title(t, kase);
  const canvas = await newCanvas(title, `${kase.caseId}|${kind}`, issue.generatedAt);
  drawDocument(canvas, kind, kase, issue);
  const bytes = await canvas.finish();
  return {
    kind: 'rendered',
    document: {
      kind,
      templateId: t.id,
      templateVersion: t.version,
      title,
      fileName: `${kase.caseId}-${kind}.pdf`,
      bytes,
      pages: canvas.pageCount,
      sha256: sha256(bytes),
    },
  };
}

import type { Program } from '../../domain/case/case-types';
import { chineseDate } from './chinese-format';
import type { DocumentCase, Issue, Township } from './document-models';
import type { DocumentTemplate } from './document-templates';
import type { Cell, PdfCanvas, Row } from './pdf-canvas';

/** What a builder draws with: the canvas, its own wording, the common wording, the case, the issue. */
export interface BuildContext {
  canvas: PdfCanvas;
  t: DocumentTemplate;
  common: DocumentTemplate;
  kase: DocumentCase;
  issue: Issue;
}

/** 平安镇人民政府, 天德乡人民政府, 北城街道办事处: the township body that confirms (三, 四(二)). */
export function issuerName(common: DocumentTemplate, township: Township): string {
  return common.t(`issuer.${township.kind}`, { name: township.name });
}

export function programName(common: DocumentTemplate, program: Program, aidKind?: string): string {
  const name = common.t(`program.${program}`);
  return program === 'linshi' && aidKind ? `${name}（${common.t(`aidKind.${aidKind}`)}）` : name;
}

export function date(ctx: BuildContext, value: string): string {
  return chineseDate(ctx.common, value);
}

/** Title, then the case number on the right, as forms print their 编号. */
export function header(ctx: BuildContext, title: string, titleSize = 20): void {
  const { canvas } = ctx;
  canvas.newPage();
  canvas.title(title, titleSize);
  const number = ctx.common.t('caseNumber', { caseId: ctx.kase.caseId });
  canvas.drawLine(
    number,
    { x: canvas.left, top: canvas.y, width: canvas.width, height: 16 },
    { size: 10, align: 'right' },
  );
  canvas.space(22);
}

/** “申请人（签名）：________　日期：　年　月　日” — one line per person who must sign. */
export function signatureLine(ctx: BuildContext, label: string, withDate = true): void {
  const { common } = ctx;
  const lead = `${label}${common.t('sign')}${common.t('colon')}`;
  const parts = [{ text: lead, x: 0, underline: 120 }];
  if (withDate)
    parts.push({ text: `${common.t('dateLabel')}${common.t('blankDate')}`, x: 300, underline: 0 });
  ctx.canvas.segments(parts);
}

/** The issuing body and the date, with the place for its seal (公章). */
export function sealBlock(ctx: BuildContext, issuedOn = ctx.issue.issuedOn): void {
  ctx.canvas.seal(
    [issuerName(ctx.common, ctx.kase.township), date(ctx, issuedOn)],
    ctx.common.t('sealPlace'),
  );
}

/** A body paragraph with the two-character indent of Chinese prose. */
export function prose(ctx: BuildContext, text: string, size = 12): void {
  ctx.canvas.paragraph(text, { size, indent: 2 });
}

/** Numbered list (reasons, materials) as prose lines. */
export function numbered(ctx: BuildContext, items: string[], size = 12): void {
  items.forEach((item, i) => {
    ctx.canvas.paragraph(`${i + 1}. ${item}`, { size, indent: 2 });
  });
}

/** Shorthands for table cells. */
export const label = (text: string, span = 1): Cell => ({ text, span, shade: true, align: 'center' });
export const value = (text: string, span = 1): Cell => ({ text, span });
export const centre = (text: string, span = 1): Cell => ({ text, span, align: 'center' });
export const section = (text: string, span: number): Row => ({
  cells: [{ text, span, shade: true, align: 'center', face: 'bold' }],
});
export const blankRow = (labelText: string, span: number, minHeight: number): Row => ({
  cells: [label(labelText), { text: '', span: span - 1 }],
  minHeight,
});

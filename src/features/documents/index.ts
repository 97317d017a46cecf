/**
 * The documents engine: the paper the procedure runs on (issue 19), as PDF bytes from plain
 * models. No database, no delivery: the caller loads the case, parses it with these schemas,
 * and stores or sends what comes back (template id and version, SHA-256 with every file).
 */
export { renderCaseArchive } from './case-archive';
export { chineseDate, chineseMonth, maskIdNumber, yuan, yuanDigits } from './chinese-format';
export { preloadFonts } from './document-fonts';
export {
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentRefusal,
  type RefusalCode,
  TEMPLATE_OF,
} from './document-kinds';
export * from './document-models';
export { renderMonthlyBundle } from './monthly-bundle';
export { type DocumentOutcome, type GeneratedDocument, renderDocument } from './render-document';

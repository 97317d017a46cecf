import type { DocumentKind, DocumentRefusal } from './document-kinds';
import type { DocumentCase } from './document-models';
import type { DocumentTemplate } from './document-templates';
import type { BuildContext } from './form-parts';

/** One printed document: when it cannot be made for a case, its title, and how it is drawn. */
export interface DocumentBuilder {
  kind: DocumentKind;
  /** Why it is not produced for this case; undefined when it can be. */
  refuse(kase: DocumentCase): DocumentRefusal | undefined;
  /** The title as the archive's table of contents lists it. */
  title(t: DocumentTemplate, kase: DocumentCase): string;
  /** Draws the document from a fresh page on. */
  draw(ctx: BuildContext): void;
}

import type { Citation, SourceDocument } from './material-types';

/** A citation of a document and clause; `note` says what the clause does or does not settle. */
export function cite(
  document: Exclude<SourceDocument, 'common_practice'>,
  clause: string,
  note?: string,
): Citation {
  return note === undefined ? { document, clause } : { document, clause, note };
}

/** A requirement that is usual practice but not in our sources; `note` says what frames it. */
export function practice(note: string): Citation {
  return { document: 'common_practice', clause: undefined, note };
}

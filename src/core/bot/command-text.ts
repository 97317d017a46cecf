/**
 * What a typed command says, however it was typed: full-width letters, digits and spaces made
 * plain (NFKC), spaces collapsed, and trailing punctuation dropped — so `待办。`, `案件　ＳＱ…` and
 * `受理 SQ… ` read as `待办`, `案件 SQ…` and `受理 SQ…`. Not for answers, whose punctuation may matter.
 */
export function commandText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[。.!！?？~～…]+$/u, '')
    .trim();
}

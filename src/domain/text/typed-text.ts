/**
 * How typed text is read, in one place: residents and staff type on phones with full-width
 * digits, ideographic spaces and a closing 。 or ！. Answers keep their punctuation (a reason or a
 * reply is recorded as written); commands and short requests are read without it.
 */

const FULL_WIDTH_DIGITS = /[０-９]/g;
const FULL_WIDTH_LETTERS = /[Ａ-Ｚａ-ｚ]/g;

/** For answers: full-width digits and letters become ASCII and the ideographic space a space. */
export function normaliseWidth(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(FULL_WIDTH_LETTERS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/**
 * For typed commands (`待办。`, `案件　ＳＱ…`, `受理 SQ… `): full-width forms made plain (NFKC),
 * spaces collapsed, trailing punctuation dropped; the spaces between a command and its argument stay.
 */
export function commandText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[。.!！?？~～…]+$/u, '')
    .trim();
}

/**
 * For short requests matched as a whole (`查 进度！`, `你好~`): the command text without any
 * spaces or punctuation, so 查进度 matches however it was typed.
 */
export function commandWord(raw: string): string {
  return commandText(raw).replace(/[\s。.!！?？~～…，,、]/gu, '');
}

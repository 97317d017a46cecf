/** How money is shown back to a resident in chat (identifiers: src/core/privacy/mask.ts). */

/** Fen as yuan with at most two decimals, without trailing zeros: 120050 → 1200.5 */
export function yuan(fen: number): string {
  return String(Math.round(fen) / 100);
}

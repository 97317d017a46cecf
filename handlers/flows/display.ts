/** How identifiers and money are shown back to a resident in chat: masked, and in yuan. */

/** 220283********1234: enough to recognise, not enough to copy. */
export function maskId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '******';
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Fen as yuan with at most two decimals, without trailing zeros: 120050 → 1200.5 */
export function yuan(fen: number): string {
  return String(Math.round(fen) / 100);
}

/**
 * Money is stored and computed in fen (integers: no rounding drift in sums) and shown in yuan one
 * way everywhere — chat, notices, reports, the CLI: whole yuan without decimals ("500"), otherwise
 * two decimals ("2300.50"), as amounts are written on Chinese administrative documents.
 */

/** Fen as yuan text: 50_000 → "500", 230_050 → "2300.50". */
export function formatYuan(fen: number): string {
  const whole = Math.round(fen);
  const sign = whole < 0 ? '-' : '';
  const abs = Math.abs(whole);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}

/** Fen as a yuan number, for spreadsheet cells that carry their own number format. */
export function yuanValue(fen: number): number {
  return Math.round(fen) / 100;
}

/** Yuan (as typed or configured, possibly with a fraction) to whole fen. */
export function fenOf(yuan: number): number {
  return Math.round(yuan * 100);
}

/**
 * Money is stored and computed in fen (integers: no rounding drift in sums) and shown in yuan, in
 * this module only: in chat, notices, reports and the CLI whole yuan without decimals ("500"),
 * otherwise two decimals ("2300.50"); on printed forms the accounting form ("1,250.00").
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

/** Fen in the accounting form printed documents use: 125_000 → "1,250.00" (whole fen only). */
export function formatYuanAccounting(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`amount must be whole fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

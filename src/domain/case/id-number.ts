/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 17 digits and a check character computed with
 * ISO 7064 MOD 11-2. Returns the normalised number (upper-case X) or why it is invalid, so a chat
 * flow can tell the resident exactly what to fix.
 */
export type IdNumberCheck =
  | { ok: true; value: string; birthDate: string }
  | { ok: false; reason: 'length' | 'characters' | 'birth_date' | 'checksum' };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkIdNumber(input: string): IdNumberCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'characters' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return { ok: false, reason: 'birth_date' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i]!;
  if (CHECK[sum % 11] !== value[17]) return { ok: false, reason: 'checksum' };
  return {
    ok: true,
    value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
  };
}

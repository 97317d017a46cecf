/**
 * An ID number as the bureau's tools may print it: the first 6 (region) and last 4 characters,
 * the rest starred (`220283********0016`). Anything that is not 15–18 characters long is starred
 * whole, so a malformed value in an error message never leaks either.
 */
export function maskIdNumber(value: string): string {
  const v = value.trim();
  if (v.length < 15 || v.length > 18) return '*'.repeat(Math.min(Math.max(v.length, 1), 18));
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

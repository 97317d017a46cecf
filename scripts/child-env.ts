/**
 * The environment for a server process a test or bench starts: nothing of ours leaks in (no
 * DATABASE_URL, no WeCom account), but a shifted clock does. CI runs the suite once more under
 * libfaketime, which works through LD_PRELOAD and FAKETIME*; a child without them would run on
 * the real date while the test that signs its callbacks runs 400 days ahead.
 */
export function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  for (const [name, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      (name === 'LD_PRELOAD' || name.startsWith('FAKETIME') || name === 'DONT_FAKE_MONOTONIC')
    ) {
      env[name] = value;
    }
  }
  return { ...env, ...extra };
}

/**
 * The one clock of the product. Every timestamp the service writes or compares comes from a
 * `Clock` handed down from the entry point (`npm start`, a CLI, a test harness); no module reads
 * the system time itself, and no column default supplies one. Tests and the sandbox pass a clock
 * they move themselves, so the suite behaves the same on any date.
 */
export type Clock = () => Date;

/** The real time: the only place in `src` that reads it. */
export const systemClock: Clock = () => new Date();

/** A clock that runs at real speed from `start` (tests that need time to pass, on a fixed date). */
export function clockFrom(start: Date, elapsedMs: () => number = monotonicMs): Clock {
  const origin = elapsedMs();
  return () => new Date(start.getTime() + (elapsedMs() - origin));
}

function monotonicMs(): number {
  return performance.now();
}

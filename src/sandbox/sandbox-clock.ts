import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../core/clock/clock';

const FILE = 'sandbox-clock.json';
const stored = z.object({ offsetMs: z.number().int().nonnegative() });

/**
 * The sandbox's clock, which the operator moves forward to show what happens days later (the end
 * of a 公示, a deadline alert, the monthly report): real time plus an offset kept in DATA_DIR, so
 * it survives a restart. Sandbox only: production always runs on the system clock.
 */
export class SandboxClock {
  private offsetMs: number;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly base: Clock,
  ) {
    const file = path.join(dataDir, FILE);
    const parsed = fs.existsSync(file)
      ? stored.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
      : undefined;
    this.offsetMs = parsed?.success ? parsed.data.offsetMs : 0;
  }

  readonly now: Clock = () => new Date(this.base().getTime() + this.offsetMs);

  /** Moves the clock forward (never back: stored timestamps must not come from the future). */
  advance(ms: number): Date {
    this.offsetMs += Math.max(0, Math.round(ms));
    fs.writeFileSync(path.join(this.dataDir, FILE), JSON.stringify({ offsetMs: this.offsetMs }), {
      mode: 0o600,
    });
    for (const listener of this.listeners) listener();
    return this.now();
  }

  /** Called after each advance (the service runs the jobs that have come due). */
  onAdvance(listener: () => void): void {
    this.listeners.push(listener);
  }
}

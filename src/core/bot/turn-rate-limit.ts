const WINDOW_MS = 60_000;

/**
 * Turns per conversation per minute on this instance: a flood is slowed, never dropped. Only
 * conversations with a turn in the last minute are remembered (the rest are forgotten as time
 * passes), and at most `maxTracked` of them, so memory follows the users active now rather than
 * every user ever seen. Over the cap, the least recently active are forgotten first: they may
 * take a few extra turns, which costs less than memory that grows with the user base.
 */
export class TurnRateLimit {
  /** Conversation → times of its turns in the last minute; Map order is least recent first. */
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly maxTracked = 10_000,
  ) {}

  /** Whether the conversation may take a turn now, or from when. */
  check(key: string, now: Date): { ok: true } | { ok: false; at: Date } {
    const recent = this.current(key, now.getTime());
    if (recent.length < this.perMinute) return { ok: true };
    return { ok: false, at: new Date(recent[0]! + WINDOW_MS) };
  }

  /** Records a turn taken now. */
  count(key: string, now: Date): void {
    const recent = this.current(key, now.getTime());
    recent.push(now.getTime());
    this.recent.delete(key);
    this.recent.set(key, recent);
    // The least recently active come first: expired ones, if any, go before live ones.
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= this.maxTracked) break;
      this.recent.delete(oldest);
    }
  }

  /** Forgets every conversation with no turn in the last minute (the worker's sweep calls it). */
  prune(now: Date): void {
    const windowStart = now.getTime() - WINDOW_MS;
    for (const [key, times] of this.recent) if (times.at(-1)! <= windowStart) this.recent.delete(key);
  }

  /** Conversations remembered now. */
  get size(): number {
    return this.recent.size;
  }

  private current(key: string, now: number): number[] {
    const windowStart = now - WINDOW_MS;
    const recent = (this.recent.get(key) ?? []).filter((t) => t > windowStart);
    if (recent.length === 0) this.recent.delete(key);
    else this.recent.set(key, recent);
    return recent;
  }
}

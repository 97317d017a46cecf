/**
 * The channels whose app-wide send window is full, and until when. While a channel's window is
 * full the dispatcher claims none of its rows (each would only be deferred in turn, the whole
 * queue walked for nothing) and is woken when the soonest window frees.
 */
export class FullAppWindows {
  private readonly until = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => Date,
    private readonly wake: () => void,
  ) {}

  /** Channels whose window is full at `at`. */
  channels(at: Date): string[] {
    return [...this.until].filter(([, until]) => until > at.getTime()).map(([channel]) => channel);
  }

  /** This channel's window is full until `until`. */
  full(channel: string, until: Date): void {
    const now = this.now().getTime();
    this.until.set(channel, until.getTime());
    for (const [c, at] of this.until) if (at <= now) this.until.delete(c);
    this.stop();
    // Freed already (the clock moved on since the window was read): nothing to wait for.
    if (this.until.size === 0) return;
    const soonest = Math.min(...this.until.values());
    this.timer = setTimeout(this.wake, Math.max(0, soonest - now));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

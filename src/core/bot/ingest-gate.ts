import { yieldToEventLoop } from '../async/event-loop';

/**
 * Gives callback storage priority over message processing on a single-connection database
 * (PGlite): WeCom needs its answer within 5 s, while a reply may wait a moment. The worker
 * waits for a quiet spell (no callback stored for `quietMs`) before each turn, but never longer
 * than `maxDeferMs`, so a sustained flood slows processing without starving it.
 */
export class IngestGate {
  private inFlight = 0;
  private lastIngestAt = 0;

  constructor(
    private readonly quietMs = 10,
    private readonly maxDeferMs = 250,
  ) {}

  async around<T>(store: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await store();
    } finally {
      this.inFlight -= 1;
      this.lastIngestAt = performance.now();
    }
  }

  /** Resolves when storage has been quiet for a moment, or after `maxDeferMs` at the latest. */
  async free(): Promise<void> {
    // Callbacks still waiting in the poll phase are invisible to busy(): let them in first.
    await yieldToEventLoop();
    const deadline = performance.now() + this.maxDeferMs;
    while (this.busy() && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.quietMs));
    }
  }

  private busy(): boolean {
    return this.inFlight > 0 || performance.now() - this.lastIngestAt < this.quietMs;
  }
}

/**
 * A worker that drains a queue table: it runs batches until one finds nothing due, wakes on a
 * timer (rows whose retry time has come, rows another instance committed) and at once when told
 * new rows were committed here. A notification during a run is not lost: the run goes round again.
 * A failed run is logged by the owner and retried on the next wake-up.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stoppedFlag = false;

  constructor(
    private readonly options: {
      intervalMs: number;
      /** One batch; answers how many rows it took (0: nothing due, the run ends). */
      runOnce: () => Promise<number>;
      onError: (error: unknown) => void;
    },
  ) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  start(): void {
    this.stoppedFlag = false;
    this.timer = setInterval(() => this.notify(), this.options.intervalMs);
    this.timer.unref();
    this.notify();
  }

  /** New rows were committed: run soon (coalesced with a run in progress). */
  notify(): void {
    if (this.stoppedFlag) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.again && !this.stoppedFlag) {
        this.again = false;
        this.notify();
      }
    });
  }

  /** Resolves when a run finds nothing more due now (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No new runs; resolves when the one in progress has ended. */
  async stop(): Promise<void> {
    this.stoppedFlag = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.whenIdle();
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stoppedFlag && (await this.options.runOnce()) > 0) {}
    } catch (error) {
      this.options.onError(error);
    }
  }
}

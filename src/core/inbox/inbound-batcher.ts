import type { Db } from '../db/database';
import { CallbackRejection } from '../wecom/callback/callback-rejection';
import { type InboundRow, type StoreResult, storeInboundRows } from './store-inbound';

interface Waiting {
  row: InboundRow;
  resolve: (result: StoreResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for callbacks: the messages verified in the same turn of the event loop are stored
 * by one INSERT … ON CONFLICT DO NOTHING, and each caller resolves once that statement committed,
 * so "answered 200" still means "stored". What a statement costs beyond its rows (five protocol
 * round trips inside PGlite, a network round trip to PostgreSQL) is paid once per batch instead
 * of once per callback. A batch refused for a data error is written again row by row, so one
 * unstorable message is refused alone and the others are stored.
 */
export class InboundBatcher {
  private waiting: Waiting[] = [];
  private flushScheduled = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 100,
  ) {}

  store(row: InboundRow): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the poll phase: every callback whose body arrived in this turn joins the batch.
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    const batch = this.waiting.splice(0);
    if (batch.length > 0) void this.write(batch);
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const results = await storeInboundRows(
        this.db,
        batch.map((w) => w.row),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i]!);
    } catch (error) {
      if (batch.length > 1 && error instanceof CallbackRejection) {
        await Promise.all(
          batch.map((w) =>
            storeInboundRows(this.db, [w.row]).then(([result]) => w.resolve(result!), w.reject),
          ),
        );
        return;
      }
      for (const w of batch) w.reject(error);
    }
  }
}

import { runKillRestart } from '../../scripts/faults/kill-harness';
import { TEST_DB_KIND } from '../support/test-database';

/**
 * Issue 7 §2, kill -9: the real server (`node --import tsx src/app/main.ts`, sandbox mode, PORT=0, a
 * temp DATA_DIR; on PostgreSQL a database of its own on the CI server) takes concurrent signed
 * callbacks, is SIGKILLed twice mid-flight and restarted on the same DATA_DIR. The larger run, which
 * also waits out the leases the killed processes held, is scripts/faults/kill-restart.ts.
 */
describe(`kill -9 mid-load and restart (${TEST_DB_KIND})`, () => {
  it('processes every callback answered 200 exactly once, and loses no reply', async () => {
    const result = await runKillRestart({
      callbacks: 60,
      kills: 2,
      concurrency: 6,
      users: 6,
      drainMs: 20_000,
      postgresUrl: process.env.DATABASE_URL || undefined,
    });
    process.stdout.write(`kill -9 figures: ${JSON.stringify(result)}\n`);
    expect(result.answered200).toBeGreaterThan(0);
    // Exactly once: one row per MsgId; every callback answered 200 is there and processed.
    expect(result.duplicateMsgIds).toBe(0);
    expect(result.answered200NotStored).toEqual([]);
    expect(result.answered200NotProcessed).toEqual([]);
    expect(result.inboundByStatus.pending ?? 0).toBe(0);
    expect(result.inboundByStatus.failed ?? 0).toBe(0);
    // Every processed message has its reply row, none dead-lettered.
    expect(result.processedWithoutReply).toBe(0);
    expect(result.outboxByStatus.dead ?? 0).toBe(0);
    // Replies not yet sent are only those queued behind a lease a killed process still holds
    // (120 s; the script waits it out and then sees them sent).
    expect(result.outboxByStatus.pending ?? 0).toBe(result.pendingBehindDeadLease);
    expect(result.outboxByStatus.held ?? 0).toBe(0);
  }, 110_000);
});

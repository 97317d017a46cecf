import { PollLoop } from '../../../src/core/async/poll-loop';

describe('PollLoop: drain until nothing is due, never lose a wake-up', () => {
  it('runs batches until one takes nothing, and a notification during a run makes it go round again', async () => {
    let due = 3;
    const runs: number[] = [];
    let loop: PollLoop;
    loop = new PollLoop({
      intervalMs: 60_000,
      runOnce: async () => {
        runs.push(due);
        if (due === 0) return 0;
        due -= 1;
        if (due === 0 && runs.length === 3) loop.notify(); // a commit arrives mid-run
        return 1;
      },
      onError: () => {},
    });
    loop.notify();
    await loop.whenIdle();
    // 3 batches, the empty one that ends the run, then the extra run the notification asked for.
    expect(runs).toEqual([3, 2, 1, 0, 0]);
  });

  it('a failed run is reported and the next notification runs again; stop ends it', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let calls = 0;
    const loop = new PollLoop({
      intervalMs: 60_000,
      runOnce: async () => {
        calls += 1;
        if (fail) throw new Error('database away');
        return 0;
      },
      onError: (error) => errors.push(error),
    });
    loop.notify();
    await loop.whenIdle();
    expect(errors).toHaveLength(1);
    fail = false;
    loop.notify();
    await loop.whenIdle();
    expect(calls).toBe(2);
    await loop.stop();
    loop.notify();
    await loop.whenIdle();
    expect(calls).toBe(2);
    expect(loop.stopped).toBe(true);
  });
});

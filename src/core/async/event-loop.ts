/**
 * Lets the event loop poll for I/O before going on. PGlite answers queries within microtasks, so
 * a loop of queries alone (worker turns, outbox rows) would otherwise keep new connections and
 * timers waiting until it ends; on PostgreSQL it costs a few microseconds.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

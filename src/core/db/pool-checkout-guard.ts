import type { Pool, PoolClient } from 'pg';

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Makes every promise-style checkout of the pool give its client back, whatever fails.
 *
 * drizzle-orm 0.45's node-postgres `transaction()` runs BEGIN before the try/finally that releases
 * the client (drizzle-team/drizzle-orm#6023, #6241, #6114, open): when the connection died between
 * checkout and BEGIN (database restarted, network cut), BEGIN rejects and the client is never
 * released. Each such failure takes a pool slot for good, and `pool.end()` — so shutdown — waits
 * for it forever. The same code releases a client whose ROLLBACK failed as if it were healthy.
 *
 * Here a rejected BEGIN releases the client at once as broken (no transaction was opened on it, so
 * nothing is lost), a release after a failed last statement destroys the client instead of pooling
 * it, and a second release is ignored. Callback-style checkouts (`pool.query`) are pg-pool's own and
 * release correctly; they pass through untouched.
 */
export function guardCheckouts(pool: Pool): void {
  const connect = pool.connect.bind(pool) as unknown as (...args: unknown[]) => unknown;
  const guarded = (...args: unknown[]) =>
    args.length > 0 ? connect(...args) : (connect() as Promise<PoolClient>).then(guard);
  pool.connect = guarded as unknown as Pool['connect'];
}

function guard(client: PoolClient): PoolClient {
  const release = client.release;
  const query = client.query as unknown as QueryFn;
  let released = false;
  let lastError: Error | undefined;
  const giveBack = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    // The wrapper belongs to this checkout only: the next one starts from pg's own method.
    Reflect.deleteProperty(client, 'query');
    release(error || lastError);
  };
  const guardedQuery = (...args: unknown[]) => {
    const result = query.apply(client, args);
    if (!(result instanceof Promise)) return result;
    const isBegin = /^\s*begin\b/i.test(statementText(args[0]));
    return result.then(
      (value: unknown) => {
        lastError = undefined;
        return value;
      },
      (error: unknown) => {
        lastError = error instanceof Error ? error : new Error(String(error));
        if (isBegin) giveBack(lastError);
        throw error;
      },
    );
  };
  client.query = guardedQuery as unknown as PoolClient['query'];
  client.release = giveBack;
  return client;
}

function statementText(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'text' in arg && typeof arg.text === 'string') return arg.text;
  return '';
}

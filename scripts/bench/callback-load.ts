/**
 * The load generator: autocannon firing pre-sealed callbacks (each a distinct message, so none
 * is a cheap duplicate) at one or more servers at once, closed loop.
 */
import autocannon from 'autocannon';
import { type SealedCallback, sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import type { BenchCredentials } from './bench-processes';

export interface LoadResult {
  requests: number;
  /** From the first request to the last answer. */
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Distinct signed, encrypted text callbacks from `users` users. */
export function sealedCallbacks(
  credentials: BenchCredentials,
  prefix: string,
  count: number,
  options: { users?: number; first?: number; content?: (i: number) => string } = {},
): SealedCallback[] {
  const { users = 500, first = 0, content = (i: number) => `申请低保 ${i}` } = options;
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    return sealCallback(
      credentials,
      textMessageXml(credentials, {
        fromUser: `${prefix}u${i % users}`,
        content: content(i),
        msgId: `${prefix}-${i}`,
      }),
    );
  });
}

/**
 * Fires every callback once at `url` with `connections` connections in flight (closed loop: a new
 * request as soon as one is answered). A steady rate is paced-load.ts's job.
 */
export async function fire(
  url: string,
  callbacks: SealedCallback[],
  options: { connections: number },
): Promise<LoadResult> {
  let next = 0;
  const started = performance.now();
  let lastAnswerAt = started;
  const cannon: autocannon.Options = {
    url,
    connections: options.connections,
    amount: callbacks.length,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const callback = callbacks[next++ % callbacks.length]!;
          return {
            ...request,
            method: 'POST',
            path: callback.path,
            headers: { 'content-type': 'text/xml' },
            body: callback.body,
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(cannon, (error, done) => (error ? reject(error) : resolve(done)));
    run.on('response', () => {
      lastAnswerAt = performance.now();
    });
  });
  // autocannon notices the end on its once-a-second sampling tick, so its own duration (and the
  // time until it resolves) is rounded up to whole seconds: timed to the last answer instead.
  const seconds = Math.max(0.001, (lastAnswerAt - started) / 1000);
  const answered = result.requests.total;
  return {
    requests: answered,
    seconds,
    rps: answered / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Fires at several servers at once, splitting the callbacks between them; rates add up. */
export async function fireSpread(
  urls: string[],
  callbacks: SealedCallback[],
  options: { connections: number },
): Promise<LoadResult> {
  const share = Math.ceil(callbacks.length / urls.length);
  const parts = await Promise.all(
    urls.map((url, i) => fire(url, callbacks.slice(i * share, (i + 1) * share), options)),
  );
  // The parts start together: the run lasts until the last answer of the slowest.
  const seconds = Math.max(...parts.map((r) => r.seconds));
  const sum = (pick: (r: LoadResult) => number) => parts.reduce((total, r) => total + pick(r), 0);
  return {
    requests: sum((r) => r.requests),
    seconds,
    rps: sum((r) => r.requests) / seconds,
    p50: Math.max(...parts.map((r) => r.p50)),
    p99: Math.max(...parts.map((r) => r.p99)),
    max: Math.max(...parts.map((r) => r.max)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}

/**
 * An open-loop load generator at a fixed rate, evenly paced: callback i is due at start + i/rate.
 * autocannon's own rate limit is a per-second budget spent as fast as it can at the top of each
 * second (bursts of the whole rate), which measures a burst rather than a steady rate.
 *
 * Latency is counted from the moment a request was due, not from when it went out, so time spent
 * queued behind a slow server (or a busy generator) is charged to the result: no coordinated
 * omission.
 */
import http from 'node:http';
import type { SealedCallback } from '../../src/sandbox/callback-driver';
import type { LoadResult } from './callback-load';

export async function firePaced(
  url: string,
  callbacks: SealedCallback[],
  options: { rate: number; connections: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let lastAnswerAt = 0;
  const started = performance.now();
  const dueAt = (i: number) => started + (i * 1000) / options.rate;

  const send = (callback: SealedCallback, due: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        `${url}${callback.path}`,
        { method: 'POST', agent, headers: { 'content-type': 'text/xml' }, timeout: 10_000 },
        (response) => {
          response.resume();
          // A reset (or the timeout) after the headers: counted as an error, not thrown.
          response.on('error', () => {
            errors += 1;
            resolve();
          });
          response.on('end', () => {
            lastAnswerAt = performance.now();
            latencies.push(lastAnswerAt - due);
            if ((response.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      request.on('timeout', () => {
        timeouts += 1;
        request.destroy(new Error('timeout'));
      });
      request.on('error', () => {
        errors += 1;
        resolve();
      });
      request.end(callback.body);
    });

  const inFlight: Promise<void>[] = [];
  let next = 0;
  while (next < callbacks.length) {
    const now = performance.now();
    while (next < callbacks.length && dueAt(next) <= now) {
      inFlight.push(send(callbacks[next]!, dueAt(next)));
      next += 1;
    }
    if (next < callbacks.length) await sleep(Math.max(0, dueAt(next) - performance.now()));
  }
  await Promise.all(inFlight);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const seconds = Math.max(0.001, (lastAnswerAt - started) / 1000);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: Math.round(latencies.at(-1) ?? 0),
    non2xx,
    errors,
    timeouts,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

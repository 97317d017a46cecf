import { wecomError } from './errcodes';
import type { WecomReply } from './fake-types';

/** A scripted misbehaviour for the next call(s) to one path (or `*` for any path). */
export type Fault =
  | { kind: 'errcode'; reply: WecomReply }
  | { kind: 'http'; status: number }
  | { kind: 'malformed' }
  | { kind: 'reset' };

interface Scripted {
  fault: Fault;
  remaining: number;
}

const ANY = '*';

/**
 * Fault switches for retry and timeout tests (docs/wecom.md §8): scripted errcodes, HTTP errors,
 * malformed JSON and connection resets, consumed in the order they were scripted; latency;
 * a global calls-per-minute limit answering 45009; and an outage flag.
 */
export class FaultInjector {
  isDown = false;
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly delays = new Map<string, number>();
  private perMinute: number | undefined;
  private readonly accepted: number[] = [];

  script(path: string, fault: Fault, times: number): void {
    if (times < 1) return;
    const queue = this.scripts.get(path) ?? [];
    queue.push({ fault, remaining: times });
    this.scripts.set(path, queue);
  }

  /** `errcode` answered `times` times; `extra` is merged into the JSON (e.g. a custom errmsg). */
  scriptErrcode(path: string, errcode: number, times: number, extra: Record<string, unknown> = {}): void {
    this.script(path, { kind: 'errcode', reply: { ...wecomError(errcode), ...extra } }, times);
  }

  /** The fault for this call, path-specific scripts first, then `*` ones. */
  take(path: string): Fault | undefined {
    for (const key of [path, ANY]) {
      const queue = this.scripts.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return head.fault;
    }
    return undefined;
  }

  setLatency(path: string, ms: number): void {
    if (ms > 0) this.delays.set(path, ms);
    else this.delays.delete(path);
  }

  latencyOf(path: string): number {
    return this.delays.get(path) ?? this.delays.get(ANY) ?? 0;
  }

  /** At most `perMinute` API calls in any 60 s (injected clock); undefined lifts the limit. */
  setRateLimit(perMinute: number | undefined): void {
    this.perMinute = perMinute;
    this.accepted.length = 0;
  }

  /** Counts the call against the limit; answers 45009 when it is over (rejected calls do not count). */
  rateLimited(nowMs: number): WecomReply | undefined {
    if (this.perMinute === undefined) return undefined;
    while (this.accepted.length > 0 && this.accepted[0]! <= nowMs - 60_000) this.accepted.shift();
    if (this.accepted.length >= this.perMinute) return wecomError(45009);
    this.accepted.push(nowMs);
    return undefined;
  }

  clear(): void {
    this.scripts.clear();
    this.delays.clear();
    this.setRateLimit(undefined);
    this.isDown = false;
  }
}

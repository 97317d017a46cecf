const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * WeCom delivers at most 30 messages a minute and 1000 an hour from one app to one member and
 * silently drops the rest (docs/wecom.md §2.2). Sliding windows on the injected clock; only
 * delivered messages count, so a sender that backs off gets through again.
 */
export class MemberRateLimiter {
  private readonly deliveries = new Map<string, number[]>();

  constructor(private readonly limits: { perMinute: number; perHour: number }) {}

  /** Records a delivery and answers true, or answers false when this one would be dropped. */
  tryDeliver(agentId: string, userId: string, nowMs: number): boolean {
    const key = `${agentId}\u0000${userId.toLowerCase()}`;
    const times = (this.deliveries.get(key) ?? []).filter((t) => t > nowMs - HOUR_MS);
    const lastMinute = times.filter((t) => t > nowMs - MINUTE_MS).length;
    if (lastMinute >= this.limits.perMinute || times.length >= this.limits.perHour) {
      this.deliveries.set(key, times);
      return false;
    }
    times.push(nowMs);
    this.deliveries.set(key, times);
    return true;
  }
}

/**
 * A rate-based rule's count per source IP over its trailing window. AWS WAF
 * aggregates "requests ... in the evaluation window" per IP and applies the
 * rule's action to an IP "when the count exceeds the limit"; it checks every
 * few seconds, so a burst may get a little past the limit in AWS, where here
 * the first request over it is already blocked.
 */
export class RateCounter {
  /** By source IP (a Map: the key comes from the socket), the times of its requests in the window. */
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request from `ip` at `nowMs`; true when the IP is now over the limit. */
  hit(ip: string, nowMs: number): boolean {
    const since = nowMs - this.windowMs;
    const times = (this.seen.get(ip) ?? []).filter((t) => t > since);
    times.push(nowMs);
    // Only the last limit + 1 times can matter.
    this.seen.set(ip, times.length > this.limit + 1 ? times.slice(-(this.limit + 1)) : times);
    if (this.seen.size > 100_000) this.prune(since);
    return times.length > this.limit;
  }

  private prune(since: number): void {
    for (const [ip, times] of this.seen) if (times[times.length - 1]! <= since) this.seen.delete(ip);
  }
}

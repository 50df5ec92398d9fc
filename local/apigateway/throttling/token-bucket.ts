import type { ThrottleLimits } from './settings.js';

/**
 * "API Gateway throttles requests to your API using the token bucket
 * algorithm, where a token counts for a request." (API Gateway developer
 * guide, "Throttle requests to your REST APIs"). The bucket holds at most
 * `burstLimit` tokens and starts full; it refills at `rateLimit` tokens per
 * second; a request that finds less than one token is throttled and takes none.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limits: ThrottleLimits,
    nowMs: number,
  ) {
    this.tokens = limits.burstLimit;
    this.last = nowMs;
  }

  /** Takes a token for one request at `nowMs`; false when the bucket is empty. */
  take(nowMs: number): boolean {
    // A clock that steps back (an injected one) refills nothing, and never drains the bucket.
    const elapsedMs = Math.max(0, nowMs - this.last);
    this.last = Math.max(this.last, nowMs);
    this.tokens = Math.min(this.limits.burstLimit, this.tokens + (elapsedMs / 1000) * this.limits.rateLimit);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

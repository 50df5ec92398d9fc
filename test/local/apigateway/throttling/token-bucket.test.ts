import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../local/apigateway/throttling/token-bucket.js';

/** The bucket alone, on a clock the test holds. */
describe('TokenBucket', () => {
  const takes = (bucket: TokenBucket, at: number, count: number) => Array.from({ length: count }, () => bucket.take(at));

  it('starts full at the burst limit and takes one token per request', () => {
    expect(takes(new TokenBucket({ rateLimit: 1, burstLimit: 3 }, 0), 0, 4)).toEqual([true, true, true, false]);
  });

  it('refills fractions of a token over time, and a refused request takes none', () => {
    const bucket = new TokenBucket({ rateLimit: 4, burstLimit: 1 }, 0);
    expect(bucket.take(0)).toBe(true);
    expect(bucket.take(100)).toBe(false); // 0.4 token
    expect(bucket.take(200)).toBe(false); // 0.8
    expect(bucket.take(250)).toBe(true); // 1.0
  });

  it('with a burst of 0 refuses everything; with a rate of 0 never refills', () => {
    expect(takes(new TokenBucket({ rateLimit: 100, burstLimit: 0 }, 0), 1000, 2)).toEqual([false, false]);
    const dry = new TokenBucket({ rateLimit: 0, burstLimit: 2 }, 0);
    expect([...takes(dry, 0, 2), dry.take(3_600_000)]).toEqual([true, true, false]);
  });

  it('a clock that steps back neither refills nor drains it', () => {
    const bucket = new TokenBucket({ rateLimit: 1, burstLimit: 2 }, 10_000);
    expect(takes(bucket, 10_000, 2)).toEqual([true, true]);
    expect(bucket.take(5_000)).toBe(false);
    expect(bucket.take(11_000)).toBe(true);
  });
});

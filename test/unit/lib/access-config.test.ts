import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidAccessContextError, parseCidr, readAccessConfig } from '../../../lib/access-config.js';
import { ConfigError } from '../../../lib/config-error.js';

const read = (context: Record<string, unknown>) => readAccessConfig((key) => context[key]);

describe('access-control context flags (issue 11)', () => {
  it('are all off by default, with the stage throttling 50/100 and the plan 5/10/500', () => {
    expect(read({})).toEqual({
      apiKeys: false,
      usagePlan: { rateLimit: 5, burstLimit: 10, quotaPerDay: 500 },
      allowedSourceCidrs: [],
      waf: false,
      wafRateLimit: 100,
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
  });

  it("cdk.json's context states the same defaults", () => {
    const context = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;
    expect(read(context)).toEqual(read({}));
    for (const key of ['apiKeys', 'usagePlan', 'allowedSourceCidrs', 'waf', 'wafRateLimit', 'throttle']) expect(context).toHaveProperty(key);
  });

  it('reads every flag as the CDK CLI passes it (strings)', () => {
    expect(
      read({ apiKeys: 'true', usagePlan: '2,4,30', allowedSourceCidrs: '203.0.113.0/24, 198.51.100.7/32,2001:db8::/32', waf: 'true', wafRateLimit: '250', throttle: '7.5,15' }),
    ).toEqual({
      apiKeys: true,
      usagePlan: { rateLimit: 2, burstLimit: 4, quotaPerDay: 30 },
      allowedSourceCidrs: ['203.0.113.0/24', '198.51.100.7/32', '2001:db8::/32'],
      waf: true,
      wafRateLimit: 250,
      throttle: { rateLimit: 7.5, burstLimit: 15 },
    });
  });

  it.each([
    [{ apiKeys: 'yes' }, /apiKeys: expected true or false, got "yes"/],
    [{ waf: '1' }, /waf: expected true or false/],
    [{ usagePlan: '5,10' }, /usagePlan: expected RATE,BURST,QUOTA_PER_DAY/],
    [{ usagePlan: '5,10,0' }, /QUOTA_PER_DAY must be a whole number/],
    [{ usagePlan: '5,x,10' }, /BURST must be a number/],
    [{ throttle: '50' }, /throttle: expected RATE,BURST/],
    [{ throttle: '-1,10' }, /RATE must be a number, 0 or more/],
    [{ throttle: '10,2.5' }, /BURST is a number of requests and must be whole/],
    [{ wafRateLimit: '5' }, /wafRateLimit: .* from 10 to 2000000000; got "5"/],
    [{ allowedSourceCidrs: '203.0.113.0/33' }, /"203.0.113.0\/33" is not a CIDR range/],
    [{ allowedSourceCidrs: 'example.com' }, /is not a CIDR range/],
    [{ allowedSourceCidrs: '2001:db8:::/32' }, /is not a CIDR range/],
  ])('refuses %j with a message that says what is wrong', (context, message) => {
    expect(() => read(context)).toThrow(InvalidAccessContextError);
    expect(() => read(context)).toThrow(ConfigError);
    expect(() => read(context)).toThrow(message);
  });
});

describe('parseCidr', () => {
  it('reads IPv4, IPv6 (with :: and an IPv4 tail) and bare addresses', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, bytes: Uint8Array.from([10, 1, 2, 3]), prefix: 8 });
    expect(parseCidr('127.0.0.1')?.prefix).toBe(32);
    expect(parseCidr('::1')).toEqual({ family: 6, bytes: Uint8Array.from([...new Array(15).fill(0), 1]), prefix: 128 });
    expect(parseCidr('::ffff:127.0.0.1/128')?.bytes.slice(10)).toEqual(Uint8Array.from([255, 255, 127, 0, 0, 1]));
    expect(parseCidr('2001:db8::/32')?.bytes.slice(0, 4)).toEqual(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8]));
  });

  it.each(['', '1.2.3', '1.2.3.256/8', '1.2.3.4/', '1.2.3.4/-1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '::1/129'])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

import { ConfigError } from './config-error.js';
import { parseCidr } from './ip-cidr.js';

export { parseCidr } from './ip-cidr.js';

/**
 * The access controls around the API an instructor switches on with context
 * flags (issue 11), all off by default. No CDK import: the local cloud's CLI
 * and tests may share the parsing.
 */
export interface AccessConfig {
  /** `-c apiKeys=true`: POST /ride requires an API key (x-api-key) of the usage plan. */
  readonly apiKeys: boolean;
  /** `-c usagePlan=RATE,BURST,QUOTA_PER_DAY`: the usage plan's throttle and daily quota. */
  readonly usagePlan: UsagePlanSettings;
  /** `-c allowedSourceCidrs=a/n,b/m`: only these source ranges may invoke the API (a resource policy); empty for any. */
  readonly allowedSourceCidrs: readonly string[];
  /** `-c waf=true`: a regional WAFv2 web ACL on the stage. */
  readonly waf: boolean;
  /** `-c wafRateLimit=N`: requests per source IP per 5 minutes before WAF blocks it. */
  readonly wafRateLimit: number;
  /** `-c throttle=RATE,BURST`: the stage's throttling. */
  readonly throttle: ThrottleSettings;
}

export interface ThrottleSettings {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface UsagePlanSettings extends ThrottleSettings {
  readonly quotaPerDay: number;
}

/** A context flag of the access controls is malformed. */
export class InvalidAccessContextError extends ConfigError {
  override name = 'InvalidAccessContextError';
}

export const DEFAULT_THROTTLE: ThrottleSettings = { rateLimit: 50, burstLimit: 100 };
export const DEFAULT_USAGE_PLAN: UsagePlanSettings = { rateLimit: 5, burstLimit: 10, quotaPerDay: 500 };
export const DEFAULT_WAF_RATE_LIMIT = 100;
/**
 * WAFv2 RateBasedStatement `Limit`: "Valid Range: Minimum value of 10. Maximum
 * value of 2000000000." (AWS WAFV2 API reference, RateBasedStatement).
 */
const WAF_RATE_LIMIT_RANGE = [10, 2_000_000_000] as const;

export function readAccessConfig(get: (key: string) => unknown): AccessConfig {
  const [rateLimit, burstLimit] = numbers('throttle', get('throttle'), ['RATE', 'BURST']) ?? [DEFAULT_THROTTLE.rateLimit, DEFAULT_THROTTLE.burstLimit];
  const plan = numbers('usagePlan', get('usagePlan'), ['RATE', 'BURST', 'QUOTA_PER_DAY']);
  const usagePlan = plan ? { rateLimit: plan[0]!, burstLimit: plan[1]!, quotaPerDay: plan[2]! } : DEFAULT_USAGE_PLAN;
  if (!Number.isInteger(usagePlan.quotaPerDay) || usagePlan.quotaPerDay < 1) {
    throw new InvalidAccessContextError(`usagePlan: QUOTA_PER_DAY must be a whole number of requests, 1 or more; got "${usagePlan.quotaPerDay}"`);
  }
  return {
    apiKeys: flag('apiKeys', get('apiKeys')),
    usagePlan,
    allowedSourceCidrs: cidrs(get('allowedSourceCidrs')),
    waf: flag('waf', get('waf')),
    wafRateLimit: wafRateLimit(get('wafRateLimit')),
    throttle: { rateLimit: rateLimit!, burstLimit: burstLimit! },
  };
}

const absent = (value: unknown) => value === undefined || value === null || value === '';

function flag(name: string, value: unknown): boolean {
  if (absent(value) || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new InvalidAccessContextError(`${name}: expected true or false, got "${String(value)}"`);
}

/** `5,10,500`: non-negative numbers, as many as `names`; the burst (second) must be whole. */
function numbers(name: string, value: unknown, names: readonly string[]): number[] | undefined {
  if (absent(value)) return undefined;
  const parts = String(value).split(',').map((p) => p.trim());
  const form = names.join(',');
  if (parts.length !== names.length) throw new InvalidAccessContextError(`${name}: expected ${form}, e.g. ${name}=${names.map((_, i) => [5, 10, 500][i]).join(',')}; got "${String(value)}"`);
  return parts.map((part, i) => {
    const n = Number(part);
    if (part === '' || !Number.isFinite(n) || n < 0) throw new InvalidAccessContextError(`${name}: ${names[i]} must be a number, 0 or more; got "${part}" in "${String(value)}"`);
    if (names[i] === 'BURST' && !Number.isInteger(n)) throw new InvalidAccessContextError(`${name}: BURST is a number of requests and must be whole; got "${part}"`);
    return n;
  });
}

function wafRateLimit(value: unknown): number {
  if (absent(value)) return DEFAULT_WAF_RATE_LIMIT;
  const n = Number(value);
  const [min, max] = WAF_RATE_LIMIT_RANGE;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InvalidAccessContextError(`wafRateLimit: requests per IP per 5 minutes, a whole number from ${min} to ${max}; got "${String(value)}"`);
  }
  return n;
}

/** IPv4 `a.b.c.d/n` (n 0–32) or IPv6 `x:y::z/n` (n 0–128), checked with the same parser the local cloud uses. */
function cidrs(value: unknown): string[] {
  if (absent(value)) return [];
  const list = (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((c) => c.trim()).filter(Boolean);
  for (const cidr of list) {
    if (!parseCidr(cidr)) {
      throw new InvalidAccessContextError(`allowedSourceCidrs: "${cidr}" is not a CIDR range like 203.0.113.0/24 or 2001:db8::/32`);
    }
  }
  return list;
}

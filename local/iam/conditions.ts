import { inCidr, parseCidr, parseIp, unmapIpv4 } from '../../lib/ip-cidr.js';

/**
 * What a request brings for condition keys, by key name (e.g. `aws:SourceIp`).
 * A key left out is one the caller could not supply: a condition on it cannot
 * be checked here.
 */
export type RequestContext = Readonly<Record<string, string | undefined>>;

/**
 * A Condition block's verdict: `match` and `nomatch` when every operator in it
 * is one this evaluator implements and every key it reads was supplied;
 * `unknown` otherwise. The policy evaluator lets an Allow apply only on
 * `match` and a Deny on `match` or `unknown`: what cannot be checked is
 * refused, never granted.
 */
export type ConditionVerdict = 'match' | 'nomatch' | 'unknown';

type Operator = (requestValue: string, policyValues: string[]) => boolean | undefined;

/** An address in any of the ranges; undefined for a policy value that is no CIDR (IAM rejects such a policy). */
function inAnyRange(requestValue: string, policyValues: string[]): boolean | undefined {
  const parsed = parseIp(requestValue);
  if (!parsed) return false;
  const address = unmapIpv4(parsed);
  let found = false;
  for (const value of policyValues) {
    const range = parseCidr(value.trim());
    if (!range) return undefined;
    if (inCidr(address, range)) found = true;
  }
  return found;
}

/**
 * The operators implemented, from the IAM user guide ("IAM JSON policy
 * elements: Condition operators", IP address condition operators):
 * `IpAddress` — "The specified IP address or range"; `NotIpAddress` — "All IP
 * addresses except the specified IP address or range". Both take IPv4 and
 * IPv6 CIDRs; a request value of the other family matches no range. Several
 * values of one key are ORed; an IPv4 client on a dual-stack socket
 * (`::ffff:a.b.c.d`) is its IPv4 address. Every other operator (and every
 * `...IfExists` form) is unknown here.
 */
const OPERATORS = new Map<string, Operator>([
  ['IpAddress', inAnyRange],
  [
    'NotIpAddress',
    (value, ranges) => {
      const inside = inAnyRange(value, ranges);
      return inside === undefined ? undefined : !inside;
    },
  ],
]);

/** Keys IAM compares case-insensitively by name: `aws:SourceIp` and `aws:sourceip` are one key. */
function contextValue(context: RequestContext | undefined, key: string): string | undefined {
  if (!context) return undefined;
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

/** Evaluates a statement's Condition block: every operator, and within one every key, must hold (AND). */
export function evaluateCondition(condition: unknown, context: RequestContext | undefined): ConditionVerdict {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return 'unknown';
  let verdict: ConditionVerdict = 'match';
  for (const [operatorName, block] of Object.entries(condition as Record<string, unknown>)) {
    const operator = OPERATORS.get(operatorName);
    if (!operator || block === null || typeof block !== 'object' || Array.isArray(block)) return 'unknown';
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0 || !values.every((v) => typeof v === 'string')) return 'unknown';
      const requestValue = contextValue(context, key);
      if (requestValue === undefined) return 'unknown';
      const result = operator(requestValue, values as string[]);
      if (result === undefined) return 'unknown';
      if (!result) verdict = 'nomatch';
    }
  }
  return verdict;
}

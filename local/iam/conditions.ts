import { inCidr, parseCidr, parseIp, unmapIpv4 } from '../../lib/ip-cidr.js';
import { partsToRegExp, resolve, type PatternPart } from './variables.js';

/**
 * What a request brings for condition keys and policy variables, by key name (e.g. `aws:SourceIp`,
 * `s3:prefix`, `cognito-identity.amazonaws.com:sub`). `null` says the key is absent from this
 * request (IAM's rules for a missing key apply: see `evaluateCondition`); a key left out entirely
 * is one this cloud does not model, and a condition on it cannot be checked here.
 */
export type RequestContext = Readonly<Record<string, string | null | undefined>>;

/**
 * A Condition block's verdict: `match` and `nomatch` when every operator in it
 * is one this evaluator implements and every key it reads is known; `unknown`
 * otherwise; `invalid` when a policy variable in it names a key the request
 * lacks ("If AWS cannot resolve a variable this might cause the entire
 * statement to be invalid"), and then the statement neither allows nor denies.
 * The policy evaluator lets an Allow apply only on `match` and a Deny on
 * `match` or `unknown`: what cannot be checked is refused, never granted.
 */
export type ConditionVerdict = 'match' | 'nomatch' | 'unknown' | 'invalid';

type Operator = (requestValue: string, policyValues: string[], context: RequestContext | undefined) => boolean | undefined | 'invalid';

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

/** A string operator: each policy value with its variables substituted (unresolvable → the statement is invalid). */
function stringOperator(compare: (requestValue: string, parts: PatternPart[]) => boolean): Operator {
  return (requestValue, policyValues, context) => {
    let found = false;
    for (const value of policyValues) {
      const parts = resolve(value, (key) => contextValue(context, key));
      if (parts === 'absent') return 'invalid';
      if (parts === 'unknown') return undefined;
      if (compare(requestValue, parts)) found = true;
    }
    return found;
  };
}

const exact = (ignoreCase: boolean) => (v: string, parts: PatternPart[]) => partsToRegExp(parts, { wildcards: false, ignoreCase }).test(v);
const like = (v: string, parts: PatternPart[]) => partsToRegExp(parts, { wildcards: true, ignoreCase: false }).test(v);
const not = (op: Operator): Operator => (v, values, context) => {
  const result = op(v, values, context);
  return result === undefined || result === 'invalid' ? result : !result;
};

/**
 * The operators implemented, from the IAM user guide ("IAM JSON policy
 * elements: Condition operators"). String operators: `StringEquals`,
 * `StringNotEquals`, `StringEqualsIgnoreCase`, `StringNotEqualsIgnoreCase`,
 * `StringLike` and `StringNotLike` (`*` and `?` wildcards), with policy
 * variables in their values. `Bool` ("true"/"false"). IP address operators:
 * `IpAddress` — "The specified IP address or range"; `NotIpAddress` — "All IP
 * addresses except the specified IP address or range". Both take IPv4 and
 * IPv6 CIDRs; a request value of the other family matches no range. Several
 * values of one key are ORed; an IPv4 client on a dual-stack socket
 * (`::ffff:a.b.c.d`) is its IPv4 address. Each has its `...IfExists` form;
 * `Null` is handled in evaluateCondition. Set operators (`ForAnyValue:`,
 * `ForAllValues:`) and every other operator are unknown here.
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
  ['StringEquals', stringOperator(exact(false))],
  ['StringNotEquals', not(stringOperator(exact(false)))],
  ['StringEqualsIgnoreCase', stringOperator(exact(true))],
  ['StringNotEqualsIgnoreCase', not(stringOperator(exact(true)))],
  ['StringLike', stringOperator(like)],
  ['StringNotLike', not(stringOperator(like))],
  ['Bool', (value, values) => values.some((v) => v.toLowerCase() === value.toLowerCase())],
]);

/** Negated operators hold for a request without the key (IAM user guide, "Condition operators"). */
const NEGATED = new Set(['NotIpAddress', 'StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike']);

/** Keys IAM compares case-insensitively by name: `aws:SourceIp` and `aws:sourceip` are one key. */
function contextValue(context: RequestContext | undefined, key: string): string | null | undefined {
  if (!context) return undefined;
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * Evaluates a statement's Condition block: every operator, and within one every key, must hold (AND).
 * A key absent from the request (`null` in the context) follows IAM's rule: "If the key that you
 * specify in a policy condition is not present in the request context, the values do not match and
 * the condition is false", except that a negated operator (StringNotLike…) is then true, an
 * `...IfExists` operator is true, and `Null` checks exactly that absence.
 */
export function evaluateCondition(condition: unknown, context: RequestContext | undefined): ConditionVerdict {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return 'unknown';
  let verdict: ConditionVerdict = 'match';
  for (const [operatorName, block] of Object.entries(condition as Record<string, unknown>)) {
    const ifExists = operatorName.endsWith('IfExists');
    const baseName = ifExists ? operatorName.slice(0, -'IfExists'.length) : operatorName;
    const operator = OPERATORS.get(baseName);
    if ((!operator && baseName !== 'Null') || block === null || typeof block !== 'object' || Array.isArray(block)) return 'unknown';
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0 || !values.every((v) => typeof v === 'string')) return 'unknown';
      const requestValue = contextValue(context, key);
      if (requestValue === undefined) return 'unknown';
      let result: boolean | undefined | 'invalid';
      if (baseName === 'Null') {
        if (ifExists) return 'unknown';
        result = (values as string[]).some((v) => v.toLowerCase() === String(requestValue === null));
      } else if (requestValue === null) {
        result = ifExists || NEGATED.has(baseName);
      } else {
        result = operator!(requestValue, values as string[], context);
      }
      if (result === 'invalid') return 'invalid';
      if (result === undefined) return 'unknown';
      if (!result) verdict = 'nomatch';
    }
  }
  return verdict;
}

import { evaluateCondition, type RequestContext } from './conditions.js';
import { partsToRegExp, resolve } from './variables.js';

/** IAM policy evaluation: explicit Deny beats Allow, and nothing allowed is denied. */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, unknown>;
  /** Resource policies only: who the statement is about (`*`, `{"AWS": ...}`). */
  Principal?: unknown;
  NotPrincipal?: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** IAM wildcards: `*` any run of characters, `?` any one character; everything else literal. */
const compiled = new Map<string, RegExp>();

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = toRegExp(pattern, ignoreCase);
    // Policies are few and fixed by the template; the cache only guards against pathological growth.
    if (compiled.size < 10_000) compiled.set(key, regex);
  }
  return regex.test(value);
}

function toRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

/** A Resource pattern with its policy variables substituted; undefined when one cannot be resolved. */
function resourceMatches(pattern: string, resource: string, context: RequestContext | undefined): boolean | undefined {
  if (!pattern.includes('${')) return wildcardMatch(pattern, resource);
  const parts = resolve(pattern, (key) => {
    if (!context) return undefined;
    for (const [name, value] of Object.entries(context)) if (name.toLowerCase() === key.toLowerCase()) return value;
    return undefined;
  });
  return typeof parts === 'string' ? undefined : partsToRegExp(parts, { wildcards: true, ignoreCase: false }).test(resource);
}

/** Does any pattern match? Undefined when a pattern that could matter names a variable the request lacks. */
function anyResource(patterns: string[], resource: string, context: RequestContext | undefined): boolean | undefined {
  let unresolved = false;
  for (const p of patterns) {
    const m = resourceMatches(p, resource, context);
    if (m === true) return true;
    if (m === undefined) unresolved = true;
  }
  return unresolved ? undefined : false;
}

function statementApplies(statement: PolicyStatement, action: string, resource: string, context?: RequestContext): boolean {
  // Action names are case-insensitive in IAM; resource ARNs are not.
  const actionMatches =
    statement.Action !== undefined
      ? list(statement.Action).some((p) => wildcardMatch(p, action, true))
      : statement.NotAction !== undefined
        ? !list(statement.NotAction).some((p) => wildcardMatch(p, action, true))
        : false;
  // A variable the request cannot resolve makes the statement invalid: it applies to nothing.
  const inResource = statement.Resource !== undefined ? anyResource(list(statement.Resource), resource, context) : undefined;
  const inNotResource = statement.NotResource !== undefined ? anyResource(list(statement.NotResource), resource, context) : undefined;
  const matches =
    statement.Resource !== undefined ? inResource === true : statement.NotResource !== undefined ? inNotResource === false : false;
  return actionMatches && matches;
}

/**
 * Decides one request against a set of policies. Policy variables in
 * Resource and condition values are substituted from `context`
 * (variables.ts). Conditions are evaluated with conditions.ts against what
 * the request supplies: string, Bool, Null and IP address operators are
 * implemented; any other operator, or a key this cloud does not model,
 * cannot be checked, and then an Allow with it never applies
 * while a Deny with it always does: what this cloud cannot check is refused
 * rather than granted.
 */
export function evaluatePolicies(policies: PolicyDocument[], action: string, resource: string, context?: RequestContext): Decision {
  let allowed = false;
  for (const policy of policies) {
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    for (const statement of statements) {
      if (!statementApplies(statement, action, resource, context)) continue;
      const verdict = statement.Condition === undefined ? 'match' : evaluateCondition(statement.Condition, context);
      if (verdict === 'invalid') continue;
      if (statement.Effect === 'Deny') {
        if (verdict !== 'nomatch') return 'ExplicitDeny';
      } else if (statement.Effect === 'Allow' && verdict === 'match') {
        allowed = true;
      }
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

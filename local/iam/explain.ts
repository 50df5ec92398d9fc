import { evaluateCondition, type RequestContext } from './conditions.js';
import { evaluatePolicies, wildcardMatch, type Decision, type PolicyDocument, type PolicyStatement } from './policy.js';

/**
 * The same decision as `evaluatePolicies`, with the statement that made it and
 * what the policies allow of the action, for the local decision trace: which
 * statement allowed the ARN, or what the caller may invoke instead.
 */
export interface PolicyExplanation {
  decision: Decision;
  /** The Deny that applied, or the first Allow that matched; `#n` (1-based, across the documents) when it has no Sid. */
  statement?: string;
  /** The Resource patterns of the Allow statements naming the action: what the caller may do. */
  allowedResources: string[];
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const actionMatches = (st: PolicyStatement, action: string) =>
  st.Action !== undefined ? list(st.Action).some((p) => wildcardMatch(p, action, true)) : st.NotAction !== undefined && !list(st.NotAction).some((p) => wildcardMatch(p, action, true));
const resourceMatches = (st: PolicyStatement, resource: string) =>
  st.Resource !== undefined ? list(st.Resource).some((p) => wildcardMatch(p, resource)) : st.NotResource !== undefined && !list(st.NotResource).some((p) => wildcardMatch(p, resource));

export function explainPolicies(policies: PolicyDocument[], action: string, resource: string, context?: RequestContext): PolicyExplanation {
  const decision = evaluatePolicies(policies, action, resource, context);
  const allowedResources: string[] = [];
  let deciding: string | undefined;
  let n = 0;
  for (const policy of policies) {
    for (const st of Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) {
      n += 1;
      const name = st.Sid ? `"${st.Sid}"` : `#${n}`;
      if (st.Effect === 'Allow' && actionMatches(st, action)) allowedResources.push(...list(st.Resource));
      if (deciding !== undefined || !actionMatches(st, action) || !resourceMatches(st, resource)) continue;
      const verdict = st.Condition === undefined ? 'match' : evaluateCondition(st.Condition, context);
      if (decision === 'ExplicitDeny' && st.Effect === 'Deny' && verdict !== 'nomatch') deciding = name;
      if (decision === 'Allow' && st.Effect === 'Allow' && verdict === 'match') deciding = name;
    }
  }
  return { decision, ...(deciding !== undefined ? { statement: deciding } : {}), allowedResources };
}

/** `arn:aws:execute-api:R:A:API/prod/POST/ride` → `POST /ride`; a pattern's `*` stays as written. */
export function describeExecuteApiArn(arn: string): string {
  const m = /^arn:aws:execute-api:[^:]*:[^:]*:[^/]+\/([^/]+)\/([^/]+)(\/.*)?$/.exec(arn);
  if (!m) return arn;
  const [, stage, verb, path] = m;
  return `${verb === '*' ? 'any method on' : verb} ${path ?? '/'}${stage === '*' ? '' : ` (stage ${stage})`}`;
}

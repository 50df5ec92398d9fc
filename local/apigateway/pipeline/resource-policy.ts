import { evaluatePolicies, type PolicyDocument, type PolicyStatement } from '../../iam/index.js';
import { executeApiArn } from '../authorizers/iam.js';
import { ResourcePolicyDeniedError } from '../gateway-errors.js';
import type { InvocationContext, StepFactory } from './context.js';

/**
 * Whom a resource-policy statement is about: `"*"` or `{"AWS": "*"}` is
 * everyone; `{"AWS": ARN or account}` an IAM caller of that role or account.
 * A `NotPrincipal`, or a principal of another kind, cannot be checked here: a
 * Deny with it applies to everyone, an Allow with it to no one.
 */
function principalMatches(statement: PolicyStatement, caller: { arns: string[]; account: string } | undefined): boolean | undefined {
  if (statement.NotPrincipal !== undefined) return undefined;
  const p = statement.Principal;
  if (p === '*') return true;
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return undefined;
  const entries = Object.entries(p as Record<string, unknown>);
  if (entries.some(([kind]) => kind !== 'AWS')) return undefined;
  const names = entries.flatMap(([, v]) => (Array.isArray(v) ? v : [v])).map(String);
  if (names.includes('*')) return true;
  if (!caller) return false;
  return names.some((n) => caller.arns.includes(n) || n === caller.account || n === `arn:aws:iam::${caller.account}:root`);
}

/** The statements that concern this caller, with those it cannot tell kept only where they refuse. */
function forCaller(policy: PolicyDocument, caller: { arns: string[]; account: string } | undefined): PolicyDocument {
  const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]).filter((st) => {
    const matches = principalMatches(st, caller);
    return matches === true || (matches === undefined && st.Effect === 'Deny');
  });
  return { Statement: statements };
}

/** `arn:aws:execute-api:REGION:********1234:...`: how API Gateway's denial shows the account. */
const maskAccount = (arn: string, account: string) => arn.replace(`:${account}:`, `:********${account.slice(-4)}:`);

/**
 * The API's resource policy (model.ts), evaluated with local/iam against the
 * caller's source IP (`aws:SourceIp`, the socket's address), in API Gateway's
 * two phases ("How API Gateway resource policies affect authorization
 * workflow"): with a Lambda authorizer an explicit Deny refuses before it
 * runs; with Cognito and IAM the caller is authenticated first. After the
 * authorizer, a method without IAM (NONE, Cognito) needs an explicit Allow,
 * while for AWS_IAM the identity policy (already checked by the authorizer)
 * decides and the resource policy may only deny: within one account "the
 * resulting permissions are the union" of identity and resource policies.
 */
function resourcePolicyStep(phase: 'before-authorizer' | 'after-authorizer'): StepFactory {
  return ({ stack, api, log }) => ({
    name: phase === 'before-authorizer' ? 'resource-policy-deny' : 'resource-policy',
    handle(ctx: InvocationContext) {
      const policy = api.resourcePolicy;
      const { request, match } = ctx;
      // Only a Lambda authorizer (CUSTOM) is preceded by the deny check; Cognito and IAM authenticate first.
      if (!policy || (phase === 'before-authorizer' && match.method.authorizationType !== 'CUSTOM')) return;
      const verb = match.method.httpMethod === 'ANY' ? request.method.toUpperCase() : match.method.httpMethod;
      const arn = executeApiArn(stack, api.id, match.stage.name, verb, match.path);
      const credentials = ctx.authorization.credentials;
      const caller = credentials ? { arns: [credentials.roleArn, credentials.assumedRoleArn], account: stack.accountId } : undefined;
      const decision = evaluatePolicies([forCaller(policy, caller)], 'execute-api:Invoke', arn, { 'aws:SourceIp': request.sourceIp });
      const refuse = (explicit: boolean) => {
        log(`API ${ctx.requestId} ${request.method} ${request.rawPath}: refused by the resource policy (${explicit ? 'explicit deny' : 'no statement allows'} for source ${request.sourceIp}): 403`);
        const who = credentials?.assumedRoleArn ?? 'an anonymous caller';
        throw new ResourcePolicyDeniedError(credentials?.assumedRoleArn ?? 'anonymous', maskAccount(arn, stack.accountId), explicit).because(
          explicit
            ? `the API's resource policy explicitly denies ${who} from source ${request.sourceIp} on ${arn}`
            : `no statement of the API's resource policy allows ${who} from source ${request.sourceIp} on ${arn} (a method without AWS_IAM needs an explicit Allow)`,
        );
      };
      if (decision === 'ExplicitDeny') refuse(true);
      if (phase === 'after-authorizer' && decision !== 'Allow' && match.method.authorizationType !== 'AWS_IAM') refuse(false);
      if (phase === 'after-authorizer') {
        ctx.trace.pass('resource-policy', decision === 'Allow' ? `the API's resource policy allows source ${request.sourceIp} on ${arn}` : `the API's resource policy denies nothing of ${arn} (for AWS_IAM the role's policy decides)`);
      }
    },
  });
}

export const resourcePolicyDeny = resourcePolicyStep('before-authorizer');
export const resourcePolicyAllow = resourcePolicyStep('after-authorizer');

import { randomBytes } from 'node:crypto';
import type { AdminCredentials } from './admin-credentials.js';
import { evaluatePolicies, policiesForRole, roleLogicalIdByArn, type PolicyDocument, type RequestContext } from './iam/index.js';
import { hashedId } from './template/physical-ids.js';
import type { SigningIdentity } from './sigv4/index.js';
import type { LocalStack } from './template/index.js';

/**
 * Who may sign a request to the local Cognito or DynamoDB: the local
 * administrator (allowed everything, like an account's admin user), or a role
 * session (a function's execution role, or identity-pool credentials), held to
 * that role's policies from the template.
 */
export type Caller =
  | (SigningIdentity & { kind: 'admin'; arn: string })
  | (SigningIdentity & { kind: 'role'; roleArn: string; assumedRoleArn: string; identityId?: string });

export type CallerLookup = (accessKeyId: string) => Caller | undefined;

/** The identity-pool credentials a local Cognito issued, as far as callers need them. */
export interface IssuedRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  assumedRoleArn: string;
  /** The identity-pool identity (`region:uuid`): IAM's `${cognito-identity.amazonaws.com:sub}`. */
  identityId?: string;
}

export function adminCaller(stack: LocalStack, admin: AdminCredentials): Caller {
  // The ARN of an account's root user: what an AWS error names for account-wide credentials.
  return { kind: 'admin', accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey, arn: `arn:aws:iam::${stack.accountId}:root` };
}

export function issuedCaller(issued: IssuedRoleCredentials): Caller {
  return {
    kind: 'role',
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: issued.expiration,
    roleArn: issued.roleArn,
    assumedRoleArn: issued.assumedRoleArn,
    ...(issued.identityId !== undefined ? { identityId: issued.identityId } : {}),
  };
}

/**
 * The request-context keys IAM knows about a role session, for policy variables and conditions
 * (IAM user guide, "AWS global condition context keys" and "Policy variables"):
 * `aws:userid` is `<role id>:<session name>` (the role id is an AROA… unique id, made up here from
 * the role's ARN, stable across starts); `cognito-identity.amazonaws.com:sub` is the identity id of
 * identity-pool credentials (absent for other sessions); `aws:username` is absent for every role session.
 */
export function callerContext(caller: Caller): Record<string, string | null> {
  if (caller.kind === 'admin') return { 'aws:userid': null, 'aws:username': null, 'cognito-identity.amazonaws.com:sub': null };
  const roleId = `AROA${hashedId(caller.roleArn, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
  const session = caller.assumedRoleArn.slice(caller.assumedRoleArn.lastIndexOf('/') + 1);
  return {
    'aws:userid': `${roleId}:${session}`,
    'aws:username': null,
    'cognito-identity.amazonaws.com:sub': caller.identityId ?? null,
  };
}

/** Several lookups, first answer wins. */
export function chainLookups(...lookups: CallerLookup[]): CallerLookup {
  return (accessKeyId) => {
    for (const lookup of lookups) {
      const found = lookup(accessKeyId);
      if (found) return found;
    }
    return undefined;
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Role sessions for the template's functions: each function gets credentials
 * of its own execution role (AWS::Lambda::Function `Role`), as Lambda hands a
 * function its role's session in AWS_ACCESS_KEY_ID & co. They live as long as
 * the local cloud; the session name is the function's name, as Lambda's is.
 */
export function createRoleSessions(stack: LocalStack) {
  const sessions = new Map<string, Caller>();
  return {
    issue(roleArn: string, sessionName: string): Caller & { sessionToken: string } {
      let id = 'ASIA';
      for (const byte of randomBytes(16)) id += ALPHANUMERIC[byte % 32];
      const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      const caller = {
        kind: 'role' as const,
        accessKeyId: id,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(48).toString('base64'),
        roleArn,
        assumedRoleArn: `arn:aws:sts::${stack.accountId}:assumed-role/${roleName}/${sessionName}`,
      };
      sessions.set(id, caller);
      return caller;
    },
    lookup: ((accessKeyId) => sessions.get(accessKeyId)) as CallerLookup,
  };
}

const roleCache = new WeakMap<LocalStack, Map<string, PolicyDocument[]>>();

function policiesOf(stack: LocalStack, roleArn: string): PolicyDocument[] {
  let byArn = roleCache.get(stack);
  if (!byArn) roleCache.set(stack, (byArn = new Map()));
  let policies = byArn.get(roleArn);
  if (!policies) {
    const logicalId = roleLogicalIdByArn(stack, roleArn);
    policies = logicalId === undefined ? [] : policiesForRole(stack, logicalId);
    byArn.set(roleArn, policies);
  }
  return policies;
}

export type CallerDecision = { allowed: true } | { allowed: false; message: string };

/**
 * May this caller perform `action` on every one of `resources`? The admin may
 * do anything; a role session only what its role's identity policies allow
 * (explicit Deny first, nothing allowed is denied). The refusal's message is
 * IAM's, naming the first resource refused.
 */
export function authorizeCaller(
  stack: LocalStack,
  caller: Caller,
  action: string,
  resources: string[],
  /** Condition keys and policy-variable values of this request (callerContext, plus the service's own). */
  context?: RequestContext,
  /** Resource-policy statements that deny (e.g. a bucket policy's TLS-only Deny); an explicit deny there wins too. */
  resourceDenies: PolicyDocument[] = [],
): CallerDecision {
  if (caller.kind === 'admin') return { allowed: true };
  const policies = [...policiesOf(stack, caller.roleArn), ...resourceDenies];
  for (const resource of resources) {
    const decision = evaluatePolicies(policies, action, resource, context);
    if (decision === 'Allow') continue;
    const why = decision === 'ExplicitDeny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
    return { allowed: false, message: `User: ${caller.assumedRoleArn} is not authorized to perform: ${action} on resource: ${resource} ${why}` };
  }
  return { allowed: true };
}

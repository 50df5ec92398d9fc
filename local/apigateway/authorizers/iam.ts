import { describeExecuteApiArn, explainPolicies, policiesForRole, roleLogicalIdByArn, type PolicyDocument } from '../../iam/index.js';
import { SigV4Error, verifySigV4, type RawRequest } from '../../sigv4/index.js';
import type { LocalStack } from '../../template/index.js';
import { AccessDeniedError, GatewayResponseError } from '../gateway-errors.js';
import type { IdentityProvider, IssuedCredentials } from '../identity-provider.js';
import type { AuthorizerKind } from './authorizer.js';

export type IamDecision =
  | { ok: true; credentials: IssuedCredentials; roleLogicalId: string | undefined; explanation: string }
  | { ok: false; rejection: GatewayResponseError };

/** What the template says of a role the identity pool hands out credentials for. */
interface RoleFacts {
  /** The role's logical id, or undefined when the template has no such role. */
  logicalId: string | undefined;
  policies: PolicyDocument[];
}

const roleCache = new WeakMap<LocalStack, Map<string, RoleFacts>>();

/** A role's facts, read from the template once per stack: the template does not change while it is served. */
function roleOf(stack: LocalStack, roleArn: string): RoleFacts {
  let byArn = roleCache.get(stack);
  if (!byArn) roleCache.set(stack, (byArn = new Map()));
  let facts = byArn.get(roleArn);
  if (!facts) {
    const logicalId = roleLogicalIdByArn(stack, roleArn);
    facts = { logicalId, policies: logicalId === undefined ? [] : policiesForRole(stack, logicalId) };
    byArn.set(roleArn, facts);
  }
  return facts;
}

/** `arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/VERB/PATH`: what IAM policies for API Gateway name. */
export function executeApiArn(stack: LocalStack, apiId: string, stage: string, verb: string, path: string): string {
  return `arn:aws:execute-api:${stack.region}:${stack.accountId}:${apiId}/${stage}/${verb}/${path.replace(/^\//, '')}`;
}

/**
 * AWS_IAM as API Gateway runs it: the SigV4 signature over the request as it
 * arrived, the identity pool's session token and its expiry, then the
 * policies of the role the credentials were issued for.
 */
export function authorizeIam(options: {
  stack: LocalStack;
  provider: IdentityProvider;
  request: RawRequest;
  now: Date;
  resourceArn: string;
  /** The caller's address, for `aws:SourceIp` conditions in the role's policies. */
  sourceIp?: string;
}): IamDecision {
  const { stack, provider, request, now, resourceArn } = options;
  let credentials: IssuedCredentials;
  let signedHeaders: string[];
  try {
    const verified = verifySigV4({
      request,
      now,
      region: stack.region,
      service: 'execute-api',
      lookup: (accessKeyId) => provider.lookupCredentials(accessKeyId),
    });
    credentials = verified.identity;
    signedHeaders = verified.authorization.signedHeaders;
  } catch (err) {
    if (err instanceof SigV4Error) {
      // Each SigV4 refusal names its own gateway response type (sigv4/errors.ts).
      const rejection = new GatewayResponseError({ responseType: err.responseType, statusCode: err.statusCode, message: err.message, errorType: err.errorType });
      return { ok: false, rejection: rejection.because(err.reason ?? `the signature was refused: ${err.message.split('\n')[0]}`) };
    }
    throw err;
  }

  const role = roleOf(stack, credentials.roleArn);
  const context = options.sourceIp !== undefined ? { 'aws:SourceIp': options.sourceIp } : undefined;
  const explained = explainPolicies(role.policies, 'execute-api:Invoke', resourceArn, context);
  const { decision } = explained;
  const roleName = credentials.roleArn.slice(credentials.roleArn.indexOf(':role/') + 6);
  const thisRequest = `${request.method.toUpperCase()} ${describeExecuteApiArn(resourceArn).replace(/^\S+ /, '')}`;
  if (decision !== 'Allow') {
    const message =
      `User: ${credentials.assumedRoleArn} is not authorized to perform: execute-api:Invoke on resource: ${resourceArn}` +
      (decision === 'ExplicitDeny' ? ' with an explicit deny' : '');
    // API Gateway's own body for an IAM denial spells the key with a capital M.
    const may = explained.allowedResources.map(describeExecuteApiArn);
    const reason =
      decision === 'ExplicitDeny'
        ? `statement ${explained.statement} of the role \`${roleName}\` explicitly denies execute-api:Invoke on ${resourceArn}; this request is ${thisRequest}`
        : may.length === 0
          ? `the role \`${roleName}\` may invoke nothing of this API (no statement allows execute-api:Invoke); this request is ${thisRequest}`
          : `the role \`${roleName}\` may invoke only ${may.join(', ')}; this request is ${thisRequest}`;
    return { ok: false, rejection: new AccessDeniedError(message, JSON.stringify({ Message: message })).because(reason) };
  }
  const explanation =
    `signature verified over signed headers ${signedHeaders.join(';')} with access key ${credentials.accessKeyId} (identity ${credentials.identityId}); ` +
    `statement ${explained.statement} of the role \`${roleName}\` allowed execute-api:Invoke on ${resourceArn}`;
  return { ok: true, credentials, roleLogicalId: role.logicalId, explanation };
}

/**
 * AWS_IAM: the signature, then the role's policies against the ARN of the
 * method as called (an ANY method is named by the verb that arrived).
 */
export const awsIam: AuthorizerKind = {
  authorizationType: 'AWS_IAM',
  authorizerTypes: [],
  create(method, { stack, api, provider }) {
    return {
      async authorize({ request, match, now }) {
        const verb = method.httpMethod === 'ANY' ? request.method.toUpperCase() : method.httpMethod;
        const resourceArn = executeApiArn(stack, api.id, match.stage.name, verb, match.path);
        const decision = authorizeIam({ stack, provider, request, now, resourceArn, sourceIp: request.sourceIp });
        if (!decision.ok) return decision;
        const roleId = decision.roleLogicalId ? stack.attribute(decision.roleLogicalId, 'RoleId') : 'AROAUNKNOWN';
        const roleName = decision.credentials.roleArn.slice(decision.credentials.roleArn.indexOf(':role/') + 6);
        return {
          ok: true,
          context: { credentials: decision.credentials, caller: `${roleId}:CognitoIdentityCredentials` },
          explanation: decision.explanation,
          who: `${decision.credentials.identityId} (${roleName})`,
        };
      },
    };
  },
};

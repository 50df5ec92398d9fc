import { DISPATCHER_METHODS, RIDER_METHODS, riderPolicy, type PolicyDocument, type RiderMethod } from './policy.js';

/** The Cognito group whose members may not book rides. The stack creates it (lib/identity.ts). */
export const SUSPENDED_GROUP = 'suspended';
/** The Cognito group whose members may also list every rider's rides (lib/dispatchers.ts). */
export const DISPATCHERS_GROUP = 'dispatchers';

/**
 * A Lambda authorizer's answer (API Gateway developer guide, "Output from an
 * API Gateway Lambda authorizer"): the principal, the policy, and a context
 * whose values must be strings, numbers or booleans: API Gateway refuses
 * arrays and objects there (AUTHORIZER_CONFIGURATION_ERROR), so the groups
 * travel as one comma-separated string.
 */
export interface AuthorizerAnswer {
  principalId: string;
  policyDocument: PolicyDocument;
  context: { username: string; email: string; groups: string };
}

/** What the verified ID token says of the rider. */
export interface VerifiedClaims {
  sub: string;
  'cognito:username'?: unknown;
  email?: unknown;
  'cognito:groups'?: unknown;
}

function groupsOf(claims: VerifiedClaims): string[] {
  const groups = claims['cognito:groups'];
  return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
}

/**
 * The answer for a rider whose ID token verified: Allow on every rider method (and, for a
 * dispatcher, GET /dispatch/rides too), unless the rider is suspended. The policy depends
 * only on the token, never on the method of this call, so API Gateway may cache it per
 * token and reuse it on any method: a rider's cached policy never names the dispatch list.
 */
export function decide(claims: VerifiedClaims, methodArn: string, methods?: readonly RiderMethod[]): AuthorizerAnswer {
  const groups = groupsOf(claims);
  const effect = groups.includes(SUSPENDED_GROUP) ? 'Deny' : 'Allow';
  const allowed = methods ?? (groups.includes(DISPATCHERS_GROUP) ? DISPATCHER_METHODS : RIDER_METHODS);
  return {
    principalId: claims.sub,
    policyDocument: riderPolicy(methodArn, effect, allowed),
    context: {
      username: typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : claims.sub,
      email: typeof claims.email === 'string' ? claims.email : '',
      groups: groups.join(','),
    },
  };
}

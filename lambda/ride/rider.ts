import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Who asked for the ride, as API Gateway vouched for them. */
export interface Rider {
  /** The name stored with the ride. */
  readonly id: string;
  /** How API Gateway knew it. */
  readonly source: 'cognito-user-pool' | 'cognito-identity' | 'lambda-authorizer' | 'anonymous';
  /** lambda mode: what the Lambda authorizer returned (principalId and context), echoed to the rider. */
  readonly authorizer?: { readonly principalId: string; readonly context: Readonly<Record<string, string>> };
}

export const ANONYMOUS: Rider = { id: 'anonymous', source: 'anonymous' };

/**
 * The rider comes only from what API Gateway put in the request context after
 * its authorizer ran — never from the body or a header the client controls.
 * - cognito mode: the user-pool authorizer's claims (`cognito:username` of an ID token, or
 *   `username` of an access token when the method requires scopes: access tokens have no `cognito:username`);
 * - iam mode: the identity-pool identity of the SigV4 signer;
 * - lambda mode: the Lambda authorizer's `principalId` (the rider's sub) and the
 *   context it returned, which API Gateway puts beside it in `requestContext.authorizer`;
 * - none mode: nobody vouched, so the ride is anonymous.
 */
export function riderOf(requestContext: APIGatewayProxyEvent['requestContext'] | undefined): Rider {
  const lambdaRider = lambdaAuthorizerRider(requestContext?.authorizer);
  if (lambdaRider) return lambdaRider;
  const claims = requestContext?.authorizer?.claims as Record<string, unknown> | null | undefined;
  const username = claims?.['cognito:username'] ?? (claims?.token_use === 'access' ? claims.username : undefined);
  if (typeof username === 'string' && username !== '') return { id: username, source: 'cognito-user-pool' };
  const identityId = requestContext?.identity?.cognitoIdentityId;
  if (typeof identityId === 'string' && identityId !== '') return { id: identityId, source: 'cognito-identity' };
  return ANONYMOUS;
}

/** Keys API Gateway itself adds to `requestContext.authorizer` beside a Lambda authorizer's context. */
const GATEWAY_KEYS = new Set(['principalId', 'integrationLatency', 'claims']);

function lambdaAuthorizerRider(authorizer: Record<string, unknown> | null | undefined): Rider | undefined {
  const principalId = authorizer?.principalId;
  if (typeof principalId !== 'string' || principalId === '') return undefined;
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(authorizer!)) {
    if (!GATEWAY_KEYS.has(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) context[key] = String(value);
  }
  // The stored name is the username, as in cognito mode; the sub is what the authorizer vouched for.
  return { id: context.username || principalId, source: 'lambda-authorizer', authorizer: { principalId, context } };
}

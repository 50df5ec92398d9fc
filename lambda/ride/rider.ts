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
 * A rider is the same person in every mode: the user-pool `sub`, so a ride
 * booked in cognito mode is still the rider's after a switch to iam or lambda.
 * - cognito mode: the user-pool authorizer's claims (`sub`, which ID tokens and access tokens both carry:
 *   with `-c requireScopes=true` the method sees an access token, which has no `cognito:username`);
 * - iam mode: the sub at the end of the signer's `cognitoAuthenticationProvider`
 *   (`cognito-idp.REGION.amazonaws.com/POOL,cognito-idp.REGION.amazonaws.com/POOL:CognitoSignIn:SUB`),
 *   or the identity id when the credentials came from another provider;
 * - lambda mode: the Lambda authorizer's `principalId` (the rider's sub) and the
 *   context it returned, which API Gateway puts beside it in `requestContext.authorizer`;
 * - none mode: nobody vouched, so the ride is anonymous.
 */
export function riderOf(requestContext: APIGatewayProxyEvent['requestContext'] | undefined): Rider {
  const lambdaRider = lambdaAuthorizerRider(requestContext?.authorizer);
  if (lambdaRider) return lambdaRider;
  const claims = requestContext?.authorizer?.claims as Record<string, unknown> | null | undefined;
  const sub = claims?.sub;
  if (typeof sub === 'string' && sub !== '') return { id: sub, source: 'cognito-user-pool' };
  const identityId = requestContext?.identity?.cognitoIdentityId;
  if (typeof identityId === 'string' && identityId !== '') {
    return { id: subOfProvider(requestContext?.identity?.cognitoAuthenticationProvider) ?? identityId, source: 'cognito-identity' };
  }
  return ANONYMOUS;
}

/** The user-pool sub of a `cognitoAuthenticationProvider` (`…:CognitoSignIn:SUB`), if it names one. */
export function subOfProvider(provider: string | null | undefined): string | undefined {
  if (typeof provider !== 'string') return undefined;
  const m = /:CognitoSignIn:([^,:\s]+)$/.exec(provider);
  return m ? m[1] : undefined;
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
  // The stored name is the sub the authorizer vouched for (its principalId), as in the other modes.
  return { id: principalId, source: 'lambda-authorizer', authorizer: { principalId, context } };
}

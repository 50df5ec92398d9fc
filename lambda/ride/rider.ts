import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Who asked for the ride, as API Gateway vouched for them. */
export interface Rider {
  /** The name stored with the ride. */
  readonly id: string;
  /** How API Gateway knew it. */
  readonly source: 'cognito-user-pool' | 'cognito-identity' | 'anonymous';
}

export const ANONYMOUS: Rider = { id: 'anonymous', source: 'anonymous' };

/**
 * The rider comes only from what API Gateway put in the request context after
 * its authorizer ran — never from the body or a header the client controls.
 * - cognito mode: the user-pool authorizer's claims (`cognito:username`);
 * - iam mode: the identity-pool identity of the SigV4 signer;
 * - none mode: nobody vouched, so the ride is anonymous.
 */
export function riderOf(requestContext: APIGatewayProxyEvent['requestContext'] | undefined): Rider {
  const claims = requestContext?.authorizer?.claims as Record<string, unknown> | null | undefined;
  const username = claims?.['cognito:username'];
  if (typeof username === 'string' && username !== '') return { id: username, source: 'cognito-user-pool' };
  const identityId = requestContext?.identity?.cognitoIdentityId;
  if (typeof identityId === 'string' && identityId !== '') return { id: identityId, source: 'cognito-identity' };
  return ANONYMOUS;
}

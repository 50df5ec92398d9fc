import type { APIGatewayProxyEvent } from 'aws-lambda';

/** The Cognito group whose members may list every rider's rides. The stack creates it (lib/dispatchers.ts). */
export const DISPATCHERS_GROUP = 'dispatchers';

/**
 * The groups API Gateway passed on. A Cognito authorizer flattens every claim to
 * a string, an array as `[a b]` (local/apigateway/authorizers/cognito.ts); the
 * Lambda authorizer sends its own `groups` context value comma-separated
 * (lambda/authorizer/decide.ts). Group names hold neither spaces nor brackets.
 */
export function groupsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

/**
 * May this caller list every ride? Which layer decides depends on the auth mode;
 * the function denies by default and only repeats a layer's answer where that
 * layer cannot see groups:
 * - `iam`: API Gateway already did (only the dispatchers' role may invoke
 *   GET /dispatch/rides); a request reaching the function was signed by it;
 * - `cognito`: the user-pool authorizer lets every rider through, so the
 *   function reads `cognito:groups` from the claims;
 * - `lambda`: the authorizer's policy allows the method only to dispatchers, and
 *   the function checks the `groups` it passed on as well;
 * - `none`: the open starting point of the workshop: nobody signs in, so nobody is refused.
 */
export function mayDispatch(requestContext: APIGatewayProxyEvent['requestContext'] | undefined, authMode: string): boolean {
  const authorizer = requestContext?.authorizer as Record<string, unknown> | null | undefined;
  switch (authMode) {
    case 'none':
      return true;
    case 'iam':
      return typeof requestContext?.identity?.cognitoIdentityId === 'string' && requestContext.identity.cognitoIdentityId !== '';
    case 'cognito': {
      const claims = authorizer?.claims as Record<string, unknown> | null | undefined;
      return groupsIn(claims?.['cognito:groups']).includes(DISPATCHERS_GROUP);
    }
    case 'lambda':
      return typeof authorizer?.principalId === 'string' && groupsIn(authorizer.groups).includes(DISPATCHERS_GROUP);
    default:
      return false;
  }
}

/**
 * The OAuth 2.0 scopes of the riders' API, and which one each HTTP method needs.
 * No CDK import: the stack, the local cloud and the website all read it.
 */

/** The resource server's identifier: scopes are named `<identifier>/<scope>` (Cognito developer guide, "Scopes, M2M, and APIs with resource servers"). */
export const RESOURCE_SERVER_ID = 'wildrydes';

export const RIDES_READ = `${RESOURCE_SERVER_ID}/rides.read`;
export const RIDES_WRITE = `${RESOURCE_SERVER_ID}/rides.write`;

/** The resource server's scopes, as AWS::Cognito::UserPoolResourceServer declares them. */
export const RESOURCE_SERVER_SCOPES = [
  { name: 'rides.read', description: 'See your rides' },
  { name: 'rides.write', description: 'Book rides' },
] as const;

/** The OpenID Connect scopes the website asks for besides the API's own. */
export const OIDC_SCOPES = ['openid', 'email', 'profile'] as const;

/** Every scope the website's app client may be granted. */
export const CLIENT_SCOPES: readonly string[] = [...OIDC_SCOPES, RIDES_READ, RIDES_WRITE];

/**
 * The one table of which scope an API method requires with `-c requireScopes=true`:
 * reads (GET, HEAD) need rides.read, everything else changes rides and needs
 * rides.write. Every method of the API is matched by its HTTP method, so a method
 * added later (GET /rides) is covered without a change here.
 */
export function scopeForMethod(httpMethod: string): string {
  return ['GET', 'HEAD'].includes(httpMethod.toUpperCase()) ? RIDES_READ : RIDES_WRITE;
}

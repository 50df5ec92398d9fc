import { CognitoError } from '../errors.js';
import { clientMayRead } from '../user-pool/attributes.js';
import { InvalidTokenError } from './errors.js';
import { json } from './reply.js';
import type { Route, RouteCall } from './route.js';

/** OIDC Core §5.4 as Cognito applies it ("The user attributes endpoint"): `profile` and `email` narrow what `openid` alone returns. */
const PROFILE = ['name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'];
const EMAIL = ['email', 'email_verified'];
const PHONE = ['phone_number', 'phone_number_verified'];

/**
 * GET /oauth2/userInfo with `Authorization: Bearer <access token>`: the user's
 * attributes within the token's scopes. Only access tokens of the token endpoint
 * carry `openid`, so the user-pool API's (SRP) access tokens are refused.
 * Errors as RFC 6750 §3.1: 401 and WWW-Authenticate naming invalid_token.
 */
function userInfo({ server, req }: RouteCall) {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!match) throw new InvalidTokenError('Access token is missing');
  let found;
  try {
    found = server.ctx.userFromAccessToken(match[1]!);
  } catch (err) {
    if (err instanceof CognitoError) throw new InvalidTokenError(err.message);
    throw err;
  }
  const { user, claims, pool } = found;
  const scopes = String(claims.scope ?? '').split(' ');
  if (!scopes.includes('openid')) throw new InvalidTokenError('Access token does not contain openid scope');
  const client = pool.clients.get(String(claims.client_id));
  const narrowed = scopes.includes('profile') || scopes.includes('email') || scopes.includes('phone');
  const wanted = (name: string) =>
    !narrowed || (scopes.includes('profile') && (PROFILE.includes(name) || name.startsWith('custom:'))) || (scopes.includes('email') && EMAIL.includes(name)) || (scopes.includes('phone') && PHONE.includes(name));
  const body: Record<string, string> = Object.create(null);
  body.sub = user.sub;
  for (const [name, value] of Object.entries(user.attributes)) if (client && clientMayRead(client, name) && wanted(name)) body[name] = value;
  body.username = user.username;
  return json(200, { ...body });
}

export const userInfoGet: Route = { method: 'GET', path: '/oauth2/userInfo', handle: userInfo };
export const userInfoPost: Route = { method: 'POST', path: '/oauth2/userInfo', handle: userInfo };

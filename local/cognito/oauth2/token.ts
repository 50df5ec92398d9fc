import { createHash, timingSafeEqual } from 'node:crypto';
import { CognitoError } from '../errors.js';
import type { UserPoolClientConfig } from '../config-from-template.js';
import { clientOf, type OAuthServer } from './server.js';
import { InvalidClientAuthenticationError, InvalidClientError, InvalidGrantError, InvalidRequestError, UnauthorizedClientError, UnsupportedGrantTypeError } from './errors.js';
import { formOf, json } from './reply.js';
import type { Route } from './route.js';

type Tokens = { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn: number };

/**
 * POST /oauth2/token (Cognito developer guide, "The token issuer endpoint"):
 * `authorization_code` with the PKCE `code_verifier`, and `refresh_token`. Codes
 * are single-use and live 5 minutes; a refresh token is the same sealed token
 * REFRESH_TOKEN_AUTH takes, and revoking it (RevokeToken, /oauth2/revoke) stops both.
 */
export const token: Route = {
  method: 'POST',
  path: '/oauth2/token',
  async handle({ server, req, body }) {
    const form = formOf(req, body);
    const grantType = form.get('grant_type');
    if (!grantType) throw new InvalidRequestError('grant_type is required');
    const client = authenticateClient(server, req.headers.authorization, form.get('client_id'));
    let tokens: Tokens;
    let scopes: string[] | undefined;
    if (grantType === 'authorization_code') ({ tokens, scopes } = codeGrant(server, client, form));
    else if (grantType === 'refresh_token') tokens = refreshGrant(server, client, form);
    else if (grantType === 'client_credentials') throw new UnauthorizedClientError('client_credentials needs a client with a secret');
    else throw new UnsupportedGrantTypeError(`grant_type ${grantType} is not supported`);
    await server.ctx.file.flushed();
    return json(200, {
      ...(scopes === undefined || scopes.includes('openid') ? { id_token: tokens.IdToken } : {}),
      access_token: tokens.AccessToken,
      ...(tokens.RefreshToken !== undefined ? { refresh_token: tokens.RefreshToken } : {}),
      expires_in: tokens.ExpiresIn,
      token_type: 'Bearer',
    });
  },
};

/**
 * The client: a public client names itself with client_id. A client with a secret
 * would authenticate with it, but CloudFormation never shows a generated secret to
 * the template, so the local cloud cannot know it: such clients are refused here.
 */
function authenticateClient(server: OAuthServer, authorization: string | undefined, clientId: string | null): UserPoolClientConfig {
  if (authorization?.startsWith('Basic ')) {
    throw new InvalidClientAuthenticationError('client secrets are not reproduced locally');
  }
  if (!clientId) throw new InvalidRequestError('client_id is required');
  const client = clientOf(server, clientId);
  if (!client || !client.oauth.enabled) throw new InvalidClientError(`app client ${clientId} does not exist or has no OAuth settings`);
  if (client.generateSecret) throw new InvalidClientError('app clients with a secret are not reproduced locally');
  return client;
}

function codeGrant(server: OAuthServer, client: UserPoolClientConfig, form: URLSearchParams): { tokens: Tokens; scopes: string[] } {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code) throw new InvalidRequestError('code is required');
  if (!redirectUri) throw new InvalidRequestError('redirect_uri is required');
  if (!client.oauth.flows.has('code')) throw new UnauthorizedClientError('the client may not use the authorization code grant');
  const redemption = server.codes.redeem(code);
  if (!redemption.ok) {
    if (redemption.reason === 'reused') {
      // A code used twice was stolen or replayed: what the first use issued is revoked (RFC 6749 §4.1.2).
      const user = server.ctx.userNamed(server.pool, redemption.username);
      if (user?.sessions[redemption.originJti]) {
        delete user.sessions[redemption.originJti];
        server.ctx.file.commit();
      }
    }
    server.log(`[cognito] /oauth2/token: authorization code ${redemption.reason}`);
    throw new InvalidGrantError(`authorization code ${redemption.reason}`);
  }
  const { grant } = redemption;
  if (grant.clientId !== client.id) throw new InvalidGrantError('the code was issued to another client');
  if (grant.redirectUri !== redirectUri) throw new InvalidGrantError('redirect_uri differs from the authorization request');
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    // RFC 7636 §4.1: 43 to 128 characters of [A-Za-z0-9-._~].
    if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw new InvalidGrantError('code_verifier is missing or malformed');
    const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
    const expected = Buffer.from(grant.codeChallenge);
    if (computed.length !== expected.length || !timingSafeEqual(computed, expected)) {
      server.log('[cognito] /oauth2/token: code_verifier does not match the code_challenge (PKCE)');
      throw new InvalidGrantError('code_verifier does not match the code_challenge');
    }
  }
  const user = server.ctx.userNamed(server.pool, grant.username);
  if (!user || user.sub !== grant.sub || !user.enabled) throw new InvalidGrantError('the user no longer exists or is disabled');
  const result = server.signIn.issueTokens(server.pool, client, user, undefined, {
    scopes: grant.scopes,
    authTime: grant.authTime,
    ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
  }) as unknown as { AuthenticationResult: Tokens };
  const originJti = JSON.parse(Buffer.from(result.AuthenticationResult.AccessToken.split('.')[1]!, 'base64url').toString('utf8')).origin_jti as string;
  redemption.redeemed(originJti);
  return { tokens: result.AuthenticationResult, scopes: grant.scopes };
}

function refreshGrant(server: OAuthServer, client: UserPoolClientConfig, form: URLSearchParams): Tokens {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) throw new InvalidRequestError('refresh_token is required');
  try {
    const result = server.signIn.refreshSignIn(server.pool, client, { REFRESH_TOKEN: refreshToken }) as unknown as { AuthenticationResult: Tokens };
    return result.AuthenticationResult;
  } catch (err) {
    // Expired, revoked, another client's or not a refresh token at all: invalid_grant (RFC 6749 §5.2).
    if (err instanceof CognitoError) {
      server.log(`[cognito] /oauth2/token: refresh_token refused: ${err.message}`);
      throw new InvalidGrantError(err.message);
    }
    throw err;
  }
}

import type { UserRecord } from '../model.js';
import type { AuthorizationRequest } from './authorization-request.js';
import { withParams } from './authorization-request.js';
import type { OAuthServer } from './server.js';

/**
 * The end of a successful authorization: the code grant's code (RFC 6749
 * §4.1.2), or with the implicit grant the tokens themselves in the fragment
 * (§4.2.2; no refresh token). `state` is echoed either way.
 */
export function completeAuthorization(server: OAuthServer, request: AuthorizationRequest, user: UserRecord, authTime: number): string {
  if (request.responseType === 'code') {
    const code = server.codes.issue({
      clientId: request.client.id,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      username: user.username,
      sub: user.sub,
      authTime,
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      ...(request.codeChallenge !== undefined ? { codeChallenge: request.codeChallenge } : {}),
    });
    return withParams(request.redirectUri, { code, state: request.state });
  }
  const { AuthenticationResult: tokens } = server.signIn.issueTokens(server.pool, request.client, user, undefined, {
    scopes: request.scopes,
    authTime,
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
  }) as { AuthenticationResult: Record<string, string | number> };
  return withParams(
    request.redirectUri,
    {
      ...(request.scopes.includes('openid') ? { id_token: String(tokens.IdToken) } : {}),
      access_token: String(tokens.AccessToken),
      token_type: 'Bearer',
      expires_in: String(tokens.ExpiresIn),
      state: request.state,
    },
    true,
  );
}

import type { UserPoolConfig } from '../config-from-template.js';
import { issuerOf } from '../tokens.js';

/**
 * The pool's OpenID Provider metadata (`/<poolId>/.well-known/openid-configuration`),
 * as Cognito publishes it: the issuer, the keys, and, once the pool has a domain,
 * the domain's endpoints (here served at `domainUrl`, the local domain).
 */
export function openIdConfiguration(pool: UserPoolConfig, baseUrl: string, domainUrl: string | undefined): Record<string, unknown> {
  return {
    issuer: issuerOf(pool.region, pool.id),
    jwks_uri: `${baseUrl}/${pool.id}/.well-known/jwks.json`,
    ...(domainUrl
      ? {
          authorization_endpoint: `${domainUrl}/oauth2/authorize`,
          token_endpoint: `${domainUrl}/oauth2/token`,
          userinfo_endpoint: `${domainUrl}/oauth2/userInfo`,
          revocation_endpoint: `${domainUrl}/oauth2/revoke`,
          end_session_endpoint: `${domainUrl}/logout`,
        }
      : {}),
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    claims_supported: ['sub', 'email', 'email_verified', 'cognito:username', 'token_use', 'auth_time', 'nonce', 'iss', 'aud', 'exp', 'iat', 'jti', 'origin_jti'],
    response_types_supported: ['code', 'token'],
    code_challenge_methods_supported: ['S256'],
  };
}

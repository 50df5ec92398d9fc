import type { UserPoolClientConfig } from '../config-from-template.js';
import { HostedUiErrorPage, InvalidRequestError, InvalidScopeError, OAuthError, UnauthorizedClientError, UnsupportedResponseTypeError } from './errors.js';
import { callbackUrls, clientOf, type OAuthServer } from './server.js';

/** A checked authorization request (RFC 6749 §4.1.1, §4.2.1; OIDC Core §3.1.2.1; RFC 7636 §4.3). */
export interface AuthorizationRequest {
  client: UserPoolClientConfig;
  redirectUri: string;
  responseType: 'code' | 'token';
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  prompt?: string;
  loginHint?: string;
  /** The original query, carried from /oauth2/authorize through /login, /signup… as Cognito's hosted UI does. */
  query: string;
}

/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters of the base64url alphabet. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks an authorization request in the order that decides where an error may
 * go: first the client and the redirect_uri (a failure is a page here, since the
 * redirect_uri cannot be trusted), then everything else (a failure goes back to
 * the client's redirect_uri with `error` and the `state`).
 */
export function readAuthorizationRequest(server: OAuthServer, query: URLSearchParams): AuthorizationRequest {
  const clientId = query.get('client_id');
  const client = clientOf(server, clientId);
  if (!client) throw new HostedUiErrorPage('invalid_request', clientId ? `The app client ${clientId} does not exist in this user pool.` : 'The request has no client_id.');
  const redirectUri = query.get('redirect_uri');
  // Exact string comparison with a registered callback URL: no prefix, no normalisation (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3).
  if (!redirectUri || !callbackUrls(server, client).includes(redirectUri)) {
    throw new HostedUiErrorPage('redirect_mismatch', `redirect_uri ${redirectUri ? `"${redirectUri}" ` : ''}is not one of the callback URLs of app client ${client.id}.`);
  }
  const state = query.get('state') ?? undefined;
  const fail = (error: OAuthError): never => {
    throw new AuthorizationRedirectError(error, redirectUri, query.get('response_type') === 'token', state);
  };

  const responseType = query.get('response_type');
  if (!responseType) fail(new InvalidRequestError('response_type is required'));
  if (responseType !== 'code' && responseType !== 'token') fail(new UnsupportedResponseTypeError(`response_type ${responseType} is not supported`));
  const flow = responseType === 'code' ? 'code' : 'implicit';
  if (!client.oauth.enabled || !client.oauth.flows.has(flow)) fail(new UnauthorizedClientError(`app client ${client.id} may not use the ${flow} grant`));

  const identityProvider = query.get('identity_provider');
  if (identityProvider !== null && (identityProvider !== 'COGNITO' || !client.oauth.identityProviders.has('COGNITO'))) {
    fail(new InvalidRequestError(`identity_provider ${identityProvider} is not enabled for this client`));
  }

  // Without `scope`, Cognito grants every scope the client allows; with it, each must be allowed.
  const asked = (query.get('scope') ?? '').split(' ').filter(Boolean);
  const scopes = asked.length ? [...new Set(asked)] : [...client.oauth.scopes];
  const unknown = scopes.filter((s) => !client.oauth.scopes.has(s));
  if (unknown.length) fail(new InvalidScopeError(`scope ${unknown.join(' ')} is not allowed for this client`));

  const codeChallenge = query.get('code_challenge') ?? undefined;
  const method = query.get('code_challenge_method');
  if (responseType === 'code') {
    // A public client (no secret) proves with PKCE that the code is redeemed by whoever asked for it (RFC 9700 §2.1.1).
    if (!client.generateSecret && codeChallenge === undefined) fail(new InvalidRequestError('code_challenge is required for a client without a secret'));
    // Cognito supports S256 only, never `plain` (developer guide, "The authorize endpoint", code_challenge_method).
    if (codeChallenge !== undefined && method !== 'S256') fail(new InvalidRequestError('code_challenge_method must be S256'));
    if (codeChallenge !== undefined && !S256_CHALLENGE.test(codeChallenge)) fail(new InvalidRequestError('code_challenge is not a base64url SHA-256 digest'));
  }

  const prompt = query.get('prompt') ?? undefined;
  if (prompt !== undefined && !['login', 'none'].includes(prompt)) fail(new InvalidRequestError(`prompt ${prompt} is not supported`));
  return {
    client,
    redirectUri,
    responseType: responseType as 'code' | 'token',
    scopes,
    ...(state !== undefined ? { state } : {}),
    ...(query.get('nonce') !== null ? { nonce: query.get('nonce')! } : {}),
    ...(codeChallenge !== undefined ? { codeChallenge } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
    ...(query.get('login_hint') !== null ? { loginHint: query.get('login_hint')! } : {}),
    query: query.toString(),
  };
}

/** An error the authorize step sends back to the client (RFC 6749 §4.1.2.1: in the query; §4.2.2.1: in the fragment for the implicit grant). */
export class AuthorizationRedirectError extends Error {
  override name = 'AuthorizationRedirectError';
  constructor(
    readonly error: OAuthError,
    readonly redirectUri: string,
    readonly inFragment: boolean,
    readonly state: string | undefined,
  ) {
    super(error.message);
  }

  get location(): string {
    return withParams(this.redirectUri, { error: this.error.error, error_description: this.error.message, state: this.state }, this.inFragment);
  }
}

/** `uri` with parameters added to its query, or as its fragment. */
export function withParams(uri: string, params: Record<string, string | undefined>, inFragment = false): string {
  const extra = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) extra.set(k, v);
  if (inFragment) return `${uri}#${extra.toString()}`;
  const url = new URL(uri);
  for (const [k, v] of extra) url.searchParams.append(k, v);
  return url.href;
}

import { createSign, createVerify } from 'node:crypto';
import type { SigningKey } from './keys.js';

/** Claims of the JWTs Cognito issues; all times are seconds since the epoch. */
export interface IdTokenClaims {
  sub: string;
  'cognito:username': string;
  email?: string;
  email_verified?: boolean;
  aud: string;
  token_use: 'id';
  auth_time: number;
  iss: string;
  exp: number;
  iat: number;
  jti: string;
  /** The sign-in this token descends from; revoking it revokes every token of that sign-in. */
  origin_jti: string;
  event_id: string;
  [claim: string]: unknown;
}

export interface AccessTokenClaims {
  sub: string;
  /** The user's groups, when in any (lowest Precedence first), as in the ID token. */
  'cognito:groups'?: string[];
  username: string;
  client_id: string;
  token_use: 'access';
  scope: string;
  auth_time: number;
  iss: string;
  exp: number;
  iat: number;
  jti: string;
  origin_jti: string;
  event_id: string;
}

/** What the sealed refresh token carries (it is opaque to clients). */
export interface RefreshTokenClaims {
  token_use: 'refresh';
  userPoolId: string;
  clientId: string;
  username: string;
  sub: string;
  origin_jti: string;
  auth_time: number;
  iat: number;
  exp: number;
  /** The OAuth scopes of a hosted-UI sign-in, kept so refreshed access tokens carry the same ones. */
  scope?: string;
}

/** What a hosted-UI (OAuth 2.0) sign-in adds to the tokens: the granted scopes, the client's nonce, when the user authenticated. */
export interface OAuthGrant {
  /** Granted scopes, space-separated in the access token's `scope` claim. */
  scopes: readonly string[];
  /** The authorization request's `nonce`, echoed in the ID token (OIDC Core §3.1.2.1). */
  nonce?: string;
  /** When the user typed their password on the hosted UI (seconds), which a later authorize with the session cookie keeps. */
  authTime: number;
}

export function issuerOf(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(key: SigningKey, claims: object): string {
  const signingInput = `${b64url({ kid: key.kid, alg: 'RS256' })}.${b64url(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface DecodedJwt {
  header: { kid?: string; alg?: string };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits a compact JWS without trusting it; undefined if it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as DecodedJwt['header'];
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return undefined;
  }
}

export type JwtCheck =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/**
 * Checks a token this service issued: RS256 only (never `none` or HMAC),
 * signed by the key the caller names, not expired at `nowSeconds`.
 */
export function verifyJwt(token: string, keyFor: (kid: string) => SigningKey | undefined, nowSeconds: number): JwtCheck {
  const decoded = decodeJwt(token);
  if (!decoded || decoded.header.alg !== 'RS256' || typeof decoded.header.kid !== 'string') return { ok: false, reason: 'malformed' };
  const key = keyFor(decoded.header.kid);
  if (!key) return { ok: false, reason: 'signature' };
  const valid = createVerify('RSA-SHA256').update(decoded.signingInput).verify(key.publicKey, decoded.signature);
  if (!valid) return { ok: false, reason: 'signature' };
  const exp = decoded.payload.exp;
  if (typeof exp !== 'number') return { ok: false, reason: 'malformed' };
  if (nowSeconds >= exp) return { ok: false, reason: 'expired' };
  return { ok: true, payload: decoded.payload };
}

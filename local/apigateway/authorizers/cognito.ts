import { CognitoJwtVerifier } from 'aws-jwt-verify';
import {
  CognitoJwtInvalidTokenUseError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidScopeError,
  JwtInvalidSignatureError,
  JwtParseError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import { findJwkInJwks, type Jwks, type JwksCache, type JwkWithKid } from 'aws-jwt-verify/jwk';

import { TemplateError, type LocalStack } from '../../template/index.js';
import { minutesText } from '../../sigv4/verify.js';
import { DAY_NAMES, MONTH_NAMES, twoDigits } from '../../time-names.js';
import { UnauthorizedError } from '../gateway-errors.js';
import type { IdentityProvider } from '../identity-provider.js';
import type { AuthorizerKind, AuthorizerModel } from './authorizer.js';

type DecomposedJwt = Parameters<JwksCache['getCachedJwk']>[1];

export interface CognitoAuthorizerModel extends AuthorizerModel {
  type: 'COGNITO_USER_POOLS';
  userPoolIds: string[];
  /** Lower-case header name from `method.request.header.Authorization`. */
  identityHeader: string;
}

/** Each side carries `reason`: what was checked, in plain words, for the local decision trace only. */
export type CognitoDecision =
  | { ok: true; claims: Record<string, unknown>; reason: string }
  | { ok: false; message: 'Unauthorized' | 'The incoming token has expired'; reason: string };

/** `authorization` → `Authorization`: how the header is usually written. */
const headerName = (lower: string) => lower.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());

/** The token's header and claims, unverified: only to word a refusal, never to decide one. */
function peek(token: string): { kid?: unknown; claims: Record<string, unknown> } | undefined {
  const [header, payload] = token.split('.');
  try {
    const h = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const c = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    return { kid: h.kid, claims: c !== null && typeof c === 'object' ? c : {} };
  } catch {
    return undefined;
  }
}

/** Why a verifier refused the token, in words; `pools` are the issuers this authorizer trusts. */
function refusalReason(err: unknown, token: string, tokenUse: string, scopes: string[], pools: string[], now: number): string {
  const peeked = peek(token);
  const claims = peeked?.claims ?? {};
  if (err instanceof JwtExpiredError) {
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
    return exp === undefined ? 'the token has expired' : `the token expired ${minutesText(now - exp)} ago (exp ${new Date(exp).toISOString()}); sign in again or refresh it`;
  }
  if (err instanceof KidNotFoundInJwksError) return `the token is signed with key id ${String(peeked?.kid)}, which the user pool holds no key for (a token of another pool, or of a data folder since removed?)`;
  if (err instanceof JwtInvalidSignatureError) return `the token's signature does not hold for key id ${String(peeked?.kid)}: it was changed after Cognito signed it`;
  // aws-jwt-verify refuses an unknown issuer before anything else ("issuer not configured").
  if (err instanceof JwtInvalidIssuerError || (typeof claims.iss === 'string' && !pools.includes(claims.iss))) return `the token was issued by ${String(claims.iss)}; this authorizer trusts only ${pools.join(', ')}`;
  // With scopes configured the scope is checked first, so an ID token fails on its (missing) scope: say what it is.
  if (err instanceof CognitoJwtInvalidTokenUseError || (err instanceof JwtInvalidScopeError && claims.token_use !== tokenUse)) {
    return scopes.length > 0
      ? `this is ${claims.token_use === 'id' ? 'an ID' : `a ${String(claims.token_use)}`} token; a method with authorization scopes (${scopes.join(', ')}) takes access tokens only`
      : `this is ${claims.token_use === 'access' ? 'an access' : `a ${String(claims.token_use)}`} token; without authorization scopes the Cognito authorizer takes ID tokens only`;
  }
  if (err instanceof JwtInvalidScopeError) return `the access token's scopes (${String(claims.scope ?? 'none')}) include none of the method's ${scopes.join(', ')}`;
  if (err instanceof JwtParseError) return 'the header does not hold a JWT (three base64url parts: header.payload.signature)';
  return `the token was refused: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Keys come straight from the local user pools, never from the network:
 * aws-jwt-verify would otherwise fetch https://cognito-idp.../jwks.json on an
 * unknown kid. A kid the pool does not hold is simply not found.
 */
class LocalJwksCache implements JwksCache {
  constructor(private readonly provider: IdentityProvider) {}

  private jwksFor(jwksUri: string): Jwks {
    const poolId = /\/([^/]+)\/\.well-known\/jwks\.json$/.exec(jwksUri)?.[1];
    return (poolId ? this.provider.jwks(poolId) : { keys: [] }) as Jwks;
  }

  getCachedJwk(jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid {
    const kid = decomposedJwt.header.kid;
    const jwk = typeof kid === 'string' ? findJwkInJwks(this.jwksFor(jwksUri), kid) : undefined;
    if (!jwk) throw new KidNotFoundInJwksError('JWK for kid not found in the local user pool');
    return jwk;
  }

  async getJwk(jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    return this.getCachedJwk(jwksUri, decomposedJwt);
  }

  addJwks(): void {}

  async getJwks(jwksUri: string): Promise<Jwks> {
    return this.jwksFor(jwksUri);
  }
}

/**
 * A Cognito user-pool authorizer as API Gateway runs it: the token from the
 * configured header, RS256 signature by a key of one of the authorizer's pools,
 * expiry, issuer and token use. Without authorization scopes only ID tokens
 * pass; with scopes, access tokens carrying one of them. The audience is not
 * checked: API Gateway accepts tokens of any app client of the pool.
 */
export function createCognitoAuthorizer(model: CognitoAuthorizerModel, provider: IdentityProvider, scopes: string[]) {
  const tokenUse = scopes.length > 0 ? 'access' : 'id';
  const jwksCache = new LocalJwksCache(provider);
  // One verifier per pool: a token is checked against the pool its issuer names, with that pool's keys only.
  const verifiers = model.userPoolIds.map((userPoolId) =>
    CognitoJwtVerifier.create({ userPoolId, tokenUse, clientId: null, ...(scopes.length > 0 ? { scope: scopes } : {}) }, { jwksCache }),
  );

  // A pool id begins with its region (`us-east-1_AbC…`): the issuer its tokens name.
  const issuers = model.userPoolIds.map((id) => `https://cognito-idp.${id.split('_')[0]}.amazonaws.com/${id}`);
  const header = headerName(model.identityHeader);

  return async function authorize(headerValue: string | undefined, now = Date.now()): Promise<CognitoDecision> {
    if (headerValue === undefined || headerValue.trim() === '') {
      return { ok: false, message: 'Unauthorized', reason: `no ${header} header — the Cognito authorizer ${model.name} reads the ${tokenUse === 'id' ? 'ID' : 'access'} token from \`${header}\`` };
    }
    // API Gateway takes the header value as the token; a "Bearer " prefix is tolerated as it is there.
    const token = headerValue.trim().replace(/^Bearer\s+/i, '');
    let expired = false;
    // The refusal worth telling: that of the pool the token names as its issuer, else the first.
    let refusal: unknown;
    const issuer = peek(token)?.claims.iss;
    for (const [i, verifier] of verifiers.entries()) {
      try {
        const claims = (await verifier.verify(token, {} as never)) as Record<string, unknown>;
        const kid = peek(token)?.kid;
        const reason = `${tokenUse === 'id' ? 'ID' : 'access'} token verified: signed with key id ${String(kid)} of pool ${model.userPoolIds[i]}, issuer ${String(claims.iss)}, token_use ${String(claims.token_use)}${typeof claims.exp === 'number' ? `, expires in ${minutesText(claims.exp * 1000 - now)}` : ''}`;
        return { ok: true, claims, reason };
      } catch (err) {
        // The expiry is checked only after the signature held, so "expired" is never said of a forgery.
        if (err instanceof JwtExpiredError) expired = true;
        if (refusal === undefined || issuers[i] === issuer) refusal = err;
      }
    }
    return { ok: false, message: expired ? 'The incoming token has expired' : 'Unauthorized', reason: refusalReason(refusal, token, tokenUse, scopes, issuers, now) };
  };
}

/** `Sat Nov 21 23:33:11 UTC 2026`: how API Gateway renders `exp` and `iat` in the claims it passes on. */
function javaDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = twoDigits;
  return `${DAY_NAMES[d.getUTCDay()]} ${MONTH_NAMES[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Claims as the function sees them in `requestContext.authorizer.claims`: every value a string. */
export function claimsForEvent(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(claims)) {
    if ((key === 'exp' || key === 'iat') && typeof value === 'number') out[key] = javaDate(value);
    else if (Array.isArray(value)) out[key] = `[${value.join(' ')}]`;
    else if (value !== null && typeof value === 'object') out[key] = JSON.stringify(value);
    else out[key] = String(value);
  }
  return out;
}

/** A `COGNITO_USER_POOLS` authorizer resource: its pools and the header its token comes in. */
function readCognitoAuthorizer(stack: LocalStack, base: AuthorizerModel, props: Record<string, unknown>): CognitoAuthorizerModel {
  const source = String(stack.resolve(props.IdentitySource ?? 'method.request.header.Authorization'));
  const header = /^method\.request\.header\.(.+)$/.exec(source)?.[1];
  if (!header) throw new TemplateError(`Authorizer ${base.logicalId} reads its token from ${source}; only method.request.header.* is supported`);
  return {
    ...base,
    type: 'COGNITO_USER_POOLS',
    userPoolIds: stack.resolve<string[]>(props.ProviderARNs ?? []).map((arn) => arn.slice(arn.indexOf('userpool/') + 'userpool/'.length)),
    identityHeader: header.toLowerCase(),
  };
}

/** COGNITO_USER_POOLS: the token from the authorizer's header, verified; its claims go to the function. */
export const cognitoUserPools: AuthorizerKind = {
  authorizationType: 'COGNITO_USER_POOLS',
  authorizerTypes: ['COGNITO_USER_POOLS'],
  readAuthorizer: readCognitoAuthorizer,
  create(method, { provider }) {
    const model = method.authorizer as CognitoAuthorizerModel;
    const verify = createCognitoAuthorizer(model, provider, method.authorizationScopes);
    return {
      async authorize({ headers, now }) {
        const decision = await verify(headers[model.identityHeader], now.getTime());
        if (!decision.ok) return { ok: false, rejection: new UnauthorizedError(decision.message).because(decision.reason) };
        const username = decision.claims['cognito:username'] ?? decision.claims.username ?? decision.claims.sub;
        return { ok: true, context: { claims: claimsForEvent(decision.claims) }, explanation: decision.reason, who: String(username) };
      },
    };
  },
};

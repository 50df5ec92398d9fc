import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwtExpiredError, KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import { findJwkInJwks, type Jwks, type JwksCache, type JwkWithKid } from 'aws-jwt-verify/jwk';

import { TemplateError, type LocalStack } from '../../template/index.js';
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

export type CognitoDecision =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; message: 'Unauthorized' | 'The incoming token has expired' };

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

  return async function authorize(headerValue: string | undefined): Promise<CognitoDecision> {
    if (headerValue === undefined || headerValue.trim() === '') return { ok: false, message: 'Unauthorized' };
    // API Gateway takes the header value as the token; a "Bearer " prefix is tolerated as it is there.
    const token = headerValue.trim().replace(/^Bearer\s+/i, '');
    let expired = false;
    for (const verifier of verifiers) {
      try {
        const claims = (await verifier.verify(token, {} as never)) as Record<string, unknown>;
        return { ok: true, claims };
      } catch (err) {
        // The expiry is checked only after the signature held, so "expired" is never said of a forgery.
        if (err instanceof JwtExpiredError) expired = true;
      }
    }
    return { ok: false, message: expired ? 'The incoming token has expired' : 'Unauthorized' };
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
      async authorize({ headers }) {
        const decision = await verify(headers[model.identityHeader]);
        if (!decision.ok) return { ok: false, rejection: new UnauthorizedError(decision.message) };
        return { ok: true, context: { claims: claimsForEvent(decision.claims) } };
      },
    };
  },
};

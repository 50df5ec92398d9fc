import { randomBytes, randomUUID } from 'node:crypto';
import type { IdentityPoolConfig, IdentityPoolProvider, UserPoolConfig } from './config-from-template.js';
import { InvalidIdentityPoolConfigurationException, InvalidParameterException, NotAuthorizedException, ResourceNotFoundException } from './errors.js';
import type { KeyRing } from './keys.js';
import type { IdentityRecord, StoredCredentials } from './model.js';
import { ownEntry, requestKeyed } from '../http/request-keyed.js';
import { requiredString, type Input } from './params.js';
import type { StateFile } from './state-file.js';
import { mappedRole } from './identity-pool-roles.js';
import { decodeJwt, issuerOf, signJwt, verifyJwt } from './tokens.js';
import type { Action } from './user-pool/action.js';

/**
 * The identity-pool API (AWSCognitoIdentityService): trades a user pool ID
 * token for a stable identity id and temporary credentials of the pool's
 * authenticated role. The credentials are remembered so the local API can
 * check SigV4 signatures made with them.
 */
export interface IdentityPoolDeps {
  identityPools: IdentityPoolConfig[];
  userPools: UserPoolConfig[];
  file: StateFile;
  keys: KeyRing;
  now: () => number;
  /** For providers with ServerSideTokenCheck: is the sign-in behind this ID token still live? */
  idTokenIsLive(userPoolId: string, claims: Record<string, unknown>): boolean;
}

/** How long credentials last, as the real service's default. */
export const CREDENTIALS_TTL_MS = 3600_000;
/** Expired credentials are kept this long (so a late request gets "expired", not "invalid"), then dropped. */
const EXPIRED_CREDENTIALS_KEPT_MS = 24 * 3600_000;
/** The issuer of GetOpenIdToken's tokens, and the name of the key that signs them. */
export const IDENTITY_ISSUER = 'https://cognito-identity.amazonaws.com';
export const IDENTITY_KEY_NAME = 'cognito-identity';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** A Cognito user authenticated by a login: which provider, and who in it. */
interface VerifiedLogin {
  providerName: string;
  sub: string;
  /** The app client the ID token was issued to (its `aud`): role mappings are per provider and client. */
  clientId: string;
  /** The verified ID token's claims, which a role mapping reads. */
  claims: Record<string, unknown>;
}

/**
 * The `Logins` map (provider name → token). Its keys are the client's, so it is
 * read into a null-prototype map: a provider named `__proto__` stays an entry
 * (and is refused as an unknown provider) instead of vanishing.
 */
function loginsOf(input: Input): Record<string, string> {
  const value = input.Logins;
  if (value === undefined || value === null) return requestKeyed();
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidParameterException('Logins must be a map of strings');
  const out = requestKeyed<string>();
  for (const [provider, token] of Object.entries(value as Record<string, unknown>)) {
    if (typeof token !== 'string') throw new InvalidParameterException(`Logins.${provider} must be a string`);
    out[provider] = token;
  }
  return out;
}

export function createIdentityPoolActions(deps: IdentityPoolDeps): Record<string, Action> {
  const { file, keys, now } = deps;
  const state = file.state;

  const poolById = (id: string): IdentityPoolConfig => {
    const pool = deps.identityPools.find((p) => p.id === id);
    if (!pool) throw new ResourceNotFoundException(`IdentityPool '${id}' not found.`);
    return pool;
  };

  const identitiesOf = (pool: IdentityPoolConfig) => state.identityPools[pool.id]!.identities;

  const findIdentity = (identityId: string): { pool: IdentityPoolConfig; identity: IdentityRecord } => {
    for (const pool of deps.identityPools) {
      // The id is the client's: an own entry only (`__proto__` or `constructor` must not find Object's).
      const identity = ownEntry(identitiesOf(pool), identityId);
      if (identity) return { pool, identity };
    }
    throw new ResourceNotFoundException(`Identity '${identityId}' not found.`);
  };

  /** Checks one Logins entry the way Cognito does: a known provider, its own signature, not expired, the right audience. */
  const verifyLogin = (pool: IdentityPoolConfig, providerName: string, token: string): VerifiedLogin => {
    const candidates = pool.providers.filter((p) => p.providerName === providerName);
    if (candidates.length === 0) throw new NotAuthorizedException('Token is not from a supported provider of this identity pool.');
    const userPool = deps.userPools.find((up) => `cognito-idp.${up.region}.amazonaws.com/${up.id}` === providerName);
    const decoded = decodeJwt(token);
    if (!userPool || !decoded) throw new NotAuthorizedException('Invalid login token. Not a valid OpenId Connect identity token.');
    if (decoded.payload.iss !== issuerOf(userPool.region, userPool.id)) throw new NotAuthorizedException("Invalid login token. Issuer doesn't match providerName");
    const nowSeconds = Math.floor(now() / 1000);
    const check = verifyJwt(token, (kid) => keys.byKid(userPool.id, kid), nowSeconds);
    if (!check.ok) {
      if (check.reason === 'expired') throw new NotAuthorizedException(`Invalid login token. Token expired: ${String(decoded.payload.exp)} >= ${nowSeconds}`);
      throw new NotAuthorizedException('Invalid login token. Not a valid OpenId Connect identity token.');
    }
    const claims = check.payload;
    if (claims.token_use !== 'id') throw new NotAuthorizedException('Invalid login token. Not a valid OpenId Connect identity token.');
    const provider: IdentityPoolProvider | undefined = candidates.find((p) => p.clientId === claims.aud);
    if (!provider) throw new NotAuthorizedException('Invalid login token. Incorrect token audience.');
    if (provider.serverSideTokenCheck && !deps.idTokenIsLive(userPool.id, claims)) throw new NotAuthorizedException('Invalid login token. Token has been revoked.');
    return { providerName, sub: String(claims.sub), clientId: provider.clientId, claims };
  };

  const verifyLogins = (pool: IdentityPoolConfig, logins: Record<string, string>): VerifiedLogin[] => {
    const entries = Object.entries(logins);
    if (entries.length === 0) {
      if (!pool.allowUnauthenticated) throw new NotAuthorizedException('Unauthenticated access is not supported for this identity pool.');
      return [];
    }
    return entries.map(([name, token]) => verifyLogin(pool, name, token));
  };

  /** The identity's logins must all be proven by the request (or it is an unauthenticated identity). */
  const assertLoginsMatch = (identity: IdentityRecord, verified: VerifiedLogin[]) => {
    const linked = Object.entries(identity.logins);
    const matches = verified.some((v) => ownEntry(identity.logins, v.providerName) === v.sub);
    if ((linked.length > 0 && !matches) || (linked.length === 0 && verified.length > 0)) {
      throw new NotAuthorizedException("Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }
  };

  const roleFor = (pool: IdentityPoolConfig, login: VerifiedLogin | undefined): string => {
    // A role mapping for the provider and client of the login chooses from the token (identity-pool-roles.ts).
    const mapping = login && pool.roleMappings.find((m) => m.identityProvider === `${login.providerName}:${login.clientId}`);
    const role = mapping ? mappedRole(mapping, login!.claims, pool.authenticatedRoleArn) : login ? pool.authenticatedRoleArn : pool.unauthenticatedRoleArn;
    if (!role) throw new InvalidIdentityPoolConfigurationException('Invalid identity pool configuration. Check assigned IAM roles for this pool.');
    return role;
  };

  return {
    GetId(input) {
      const pool = poolById(requiredString(input, 'IdentityPoolId'));
      const verified = verifyLogins(pool, loginsOf(input));
      const identities = identitiesOf(pool);
      if (verified.length > 0) {
        const existing = Object.values(identities).find((i) => verified.some((v) => ownEntry(i.logins, v.providerName) === v.sub));
        if (existing) return { IdentityId: existing.identityId };
      }
      const identity: IdentityRecord = {
        identityId: `${pool.region}:${randomUUID()}`,
        logins: requestKeyed(verified.map((v) => [v.providerName, v.sub] as const)),
        createdAt: now(),
      };
      identities[identity.identityId] = identity;
      file.commit();
      return { IdentityId: identity.identityId };
    },

    GetCredentialsForIdentity(input) {
      const { pool, identity } = findIdentity(requiredString(input, 'IdentityId'));
      const verified = verifyLogins(pool, loginsOf(input));
      assertLoginsMatch(identity, verified);
      if (input.CustomRoleArn !== undefined && input.CustomRoleArn !== null) {
        // Real Cognito accepts one of the token's cognito:roles here under a Token mapping; the local one does not choose roles that way.
        throw new InvalidParameterException('CustomRoleArn is not supported by the local Cognito: the role comes from the pool\'s role mappings.');
      }
      const first = verified[0];
      const roleArn = roleFor(pool, first);
      const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      const t = now();
      const credentials: StoredCredentials = {
        accessKeyId: `ASIA${randomFrom(KEY_ALPHABET, 16)}`,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(240).toString('base64'),
        expiresAt: t + CREDENTIALS_TTL_MS,
        identityId: identity.identityId,
        identityPoolId: pool.id,
        roleArn,
        assumedRoleArn: `arn:aws:sts::${pool.accountId}:assumed-role/${roleName}/CognitoIdentityCredentials`,
        authenticationProvider: first ? `${first.providerName},${first.providerName}:CognitoSignIn:${first.sub}` : '',
      };
      for (const [id, c] of Object.entries(state.credentials)) if (c.expiresAt + EXPIRED_CREDENTIALS_KEPT_MS < t) delete state.credentials[id];
      state.credentials[credentials.accessKeyId] = credentials;
      file.commit();
      return {
        IdentityId: identity.identityId,
        Credentials: {
          AccessKeyId: credentials.accessKeyId,
          SecretKey: credentials.secretAccessKey,
          SessionToken: credentials.sessionToken,
          Expiration: credentials.expiresAt / 1000,
        },
      };
    },

    GetOpenIdToken(input) {
      const { pool, identity } = findIdentity(requiredString(input, 'IdentityId'));
      const verified = verifyLogins(pool, loginsOf(input));
      assertLoginsMatch(identity, verified);
      const iat = Math.floor(now() / 1000);
      const amr = verified.length > 0 ? ['authenticated', ...verified.flatMap((v) => [v.providerName, `${v.providerName}:CognitoSignIn:${v.sub}`])] : ['unauthenticated'];
      const token = signJwt(keys.signingKey(IDENTITY_KEY_NAME), {
        sub: identity.identityId,
        aud: pool.id,
        amr,
        iss: IDENTITY_ISSUER,
        'https://cognito-identity.amazonaws.com/identity-pool-arn': `arn:aws:cognito-identity:${pool.region}:${pool.accountId}:identitypool/${pool.id}`,
        exp: iat + 600,
        iat,
      });
      return { IdentityId: identity.identityId, Token: token };
    },
  };
}

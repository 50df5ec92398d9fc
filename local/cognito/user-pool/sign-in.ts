import { randomUUID } from 'node:crypto';
import type { UserPoolClientConfig, UserPoolConfig, UserPoolGroupConfig } from '../config-from-template.js';
import { InvalidParameterException, NotAuthorizedException, PasswordResetRequiredException, UserNotConfirmedException } from '../errors.js';
import type { UserRecord } from '../model.js';
import { seal, sealJwe, unsealJwe } from '../sealed.js';
import { passwordMatches, poolNameOf } from '../srp.js';
import { issuerOf, signJwt, type AccessTokenClaims, type IdTokenClaims, type OAuthGrant, type RefreshTokenClaims } from '../tokens.js';
import { clientMayRead } from './attributes.js';
import { seconds, type UserPoolContext } from './context.js';

/** What a challenge Session carries (NEW_PASSWORD_REQUIRED). */
export interface ChallengeSession {
  id: string;
  challenge: 'NEW_PASSWORD_REQUIRED';
  poolId: string;
  clientId: string;
  username: string;
  expiresAt: number;
}

export type SignIn = ReturnType<typeof createSignIn>;

/**
 * The end of every sign-in flow: tokens for a user whose password was right
 * (or a challenge first), and the password and refresh flows themselves.
 */
export function createSignIn(ctx: UserPoolContext) {
  const { file, keys, now } = ctx;

  /**
   * The tokens of a sign-in. `oauth` is set for the hosted UI's grants: the access
   * token's `scope` is then the granted scopes (instead of the user-pool API's
   * aws.cognito.signin.user.admin), the ID token carries the request's `nonce`, and
   * the refresh token remembers the scopes for REFRESH_TOKEN_AUTH and the token endpoint.
   */
  const issueTokens = (pool: UserPoolConfig, client: UserPoolClientConfig, user: UserRecord, refresh?: RefreshTokenClaims, oauth?: OAuthGrant) => {
    const t = now();
    const iat = seconds(t);
    const originJti = refresh?.origin_jti ?? randomUUID();
    const authTime = refresh?.auth_time ?? oauth?.authTime ?? iat;
    const scope = refresh?.scope ?? (oauth ? oauth.scopes.join(' ') : undefined);
    const iss = issuerOf(pool.region, pool.id);
    const eventId = randomUUID();
    const key = keys.signingKey(pool.id);
    // The ID token carries what this client may read (ReadAttributes).
    const readable = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => clientMayRead(client, name)));
    const { email_verified, ...otherAttributes } = readable;
    const poolGroups = ctx.groupsOf(pool);
    const groups = groupsClaim(poolGroups, user);
    const idClaims: IdTokenClaims = {
      ...otherAttributes,
      sub: user.sub,
      ...groups,
      ...rolesClaims(poolGroups, user),
      ...(email_verified !== undefined ? { email_verified: email_verified === 'true' } : {}),
      iss,
      'cognito:username': user.username,
      origin_jti: originJti,
      aud: client.id,
      event_id: eventId,
      token_use: 'id',
      ...(oauth?.nonce !== undefined ? { nonce: oauth.nonce } : {}),
      auth_time: authTime,
      exp: iat + client.idTokenValiditySeconds,
      iat,
      jti: randomUUID(),
    };
    const accessClaims: AccessTokenClaims = {
      sub: user.sub,
      ...groups,
      iss,
      client_id: client.id,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: scope ?? 'aws.cognito.signin.user.admin',
      auth_time: authTime,
      exp: iat + client.accessTokenValiditySeconds,
      iat,
      jti: randomUUID(),
      username: user.username,
    };
    const result: Record<string, unknown> = {
      AccessToken: signJwt(key, accessClaims),
      ExpiresIn: client.accessTokenValiditySeconds,
      TokenType: 'Bearer',
      IdToken: signJwt(key, idClaims),
    };
    if (!refresh) {
      const expiresAt = t + client.refreshTokenValiditySeconds * 1000;
      const claims: RefreshTokenClaims = {
        token_use: 'refresh',
        userPoolId: pool.id,
        clientId: client.id,
        username: user.username,
        sub: user.sub,
        origin_jti: originJti,
        auth_time: authTime,
        iat,
        exp: seconds(expiresAt),
        ...(scope !== undefined ? { scope } : {}),
      };
      result.RefreshToken = sealJwe(keys.sealingKey, claims);
      // Forget sign-ins whose refresh token has expired, then record this one.
      for (const [jti, s] of Object.entries(user.sessions)) if (s.expiresAt <= t) delete user.sessions[jti];
      user.sessions[originJti] = { clientId: client.id, issuedAt: t, expiresAt };
    }
    user.failedSignIns = 0;
    delete user.lastFailedSignInAt;
    file.commit();
    return { ChallengeParameters: {}, AuthenticationResult: result };
  };

  /** What follows a correct password: refusal, a challenge, or tokens. */
  const afterPassword = (pool: UserPoolConfig, client: UserPoolClientConfig, user: UserRecord) => {
    if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
    if (user.status === 'UNCONFIRMED') {
      if (user.failedSignIns > 0) {
        user.failedSignIns = 0;
        file.commit();
      }
      throw new UserNotConfirmedException('User is not confirmed.');
    }
    // After AdminResetUserPassword, only the mailed code (ConfirmForgotPassword) leads back in.
    if (user.status === 'RESET_REQUIRED') throw new PasswordResetRequiredException('Password reset required for the user');
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      if (user.temporaryPasswordExpiresAt !== undefined && now() >= user.temporaryPasswordExpiresAt) {
        throw new NotAuthorizedException('Temporary password has expired and must be reset by an administrator.');
      }
      const session: ChallengeSession = {
        id: randomUUID(),
        challenge: 'NEW_PASSWORD_REQUIRED',
        poolId: pool.id,
        clientId: client.id,
        username: user.username,
        expiresAt: now() + client.authSessionValiditySeconds * 1000,
      };
      const { email_verified: _ev, ...userAttributes } = user.attributes;
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: seal(keys.sealingKey, 'session', session),
        ChallengeParameters: {
          USER_ID_FOR_SRP: user.username,
          requiredAttributes: '[]',
          userAttributes: JSON.stringify(userAttributes),
        },
      };
    }
    return issueTokens(pool, client, user);
  };

  /** USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the password itself, checked against the SRP verifier. */
  const passwordSignIn = (pool: UserPoolConfig, client: UserPoolClientConfig, params: Record<string, string>) =>
    afterPassword(pool, client, passwordUser(pool, client, params));

  /** The user whose password `params` carries, with the same lockout, decoys and errors as USER_PASSWORD_AUTH (the hosted UI's sign-in too). */
  const passwordUser = (pool: UserPoolConfig, client: UserPoolClientConfig, params: Record<string, string>): UserRecord => {
    const login = params.USERNAME;
    const password = params.PASSWORD;
    if (!login) throw new InvalidParameterException('Missing required parameter USERNAME');
    if (!password) throw new InvalidParameterException('Missing required parameter PASSWORD');
    const user = ctx.findUser(pool, login);
    if (!user) {
      if (!client.preventUserExistenceErrors) return ctx.unknownUser(client);
      // As much work, and the same answers, as a wrong password of a real user (decoys.ts).
      ctx.decoys.assertNotLockedOut(pool, login);
      ctx.decoys.checkPassword(pool, login, password);
      file.commit();
      return ctx.decoys.passwordFailed(pool, login);
    }
    ctx.assertNotLockedOut(user);
    if (!passwordMatches(poolNameOf(pool.id), user.username, password, user.srp)) return ctx.passwordFailed(user);
    return user;
  };

  /** REFRESH_TOKEN_AUTH: new id and access tokens from the same sign-in. */
  const refreshSignIn = (pool: UserPoolConfig, client: UserPoolClientConfig, params: Record<string, string>) => {
    const token = params.REFRESH_TOKEN;
    if (!token) throw new InvalidParameterException('Missing required parameter REFRESH_TOKEN');
    const claims = unsealJwe<RefreshTokenClaims>(keys.sealingKey, token);
    if (!claims || claims.token_use !== 'refresh' || claims.userPoolId !== pool.id || claims.clientId !== client.id) {
      throw new NotAuthorizedException('Invalid Refresh Token');
    }
    if (seconds(now()) >= claims.exp) throw new NotAuthorizedException('Refresh Token has expired');
    const user = ctx.userNamed(pool, claims.username);
    if (!user || user.sub !== claims.sub) throw new NotAuthorizedException('User does not exist.');
    if (!user.sessions[claims.origin_jti]) throw new NotAuthorizedException('Refresh Token has been revoked');
    if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
    return issueTokens(pool, client, user, claims);
  };

  return { issueTokens, afterPassword, passwordSignIn, passwordUser, refreshSignIn };
}

/**
 * `cognito:groups`: the groups the user is in, in both the ID and the access
 * token, lowest Precedence first; absent when the user is in none (Cognito
 * developer guide, "Adding groups to a user pool").
 */
function groupsClaim(poolGroups: ReadonlyMap<string, UserPoolGroupConfig>, user: UserRecord): { 'cognito:groups'?: string[] } {
  const groups = (user.groups ?? []).filter((name) => poolGroups.has(name));
  if (groups.length === 0) return {};
  const precedence = (name: string) => poolGroups.get(name)?.precedence ?? Number.MAX_SAFE_INTEGER;
  return { 'cognito:groups': [...groups].sort((a, b) => precedence(a) - precedence(b) || a.localeCompare(b)) };
}

/**
 * `cognito:roles` and `cognito:preferred_role`, in the ID token only: the role ARNs of the
 * user's groups that carry one, and the role of the group that takes precedence (the lowest
 * Precedence; a group without one comes last). When the groups tied for precedence carry
 * different roles, no preferred role is set (CognitoIdentityProvider GroupType.Precedence,
 * "Adding groups to a user pool"). An identity pool's Token role mapping reads both
 * (identity-pool-roles.ts).
 */
export function rolesClaims(poolGroups: ReadonlyMap<string, UserPoolGroupConfig>, user: UserRecord): { 'cognito:roles'?: string[]; 'cognito:preferred_role'?: string } {
  const withRoles = (user.groups ?? []).flatMap((name) => {
    const group = poolGroups.get(name);
    return group?.roleArn ? [group] : [];
  });
  if (withRoles.length === 0) return {};
  const roles = [...new Set(withRoles.map((g) => g.roleArn!))];
  const rank = (p: number | undefined) => p ?? Number.POSITIVE_INFINITY;
  const best = Math.min(...withRoles.map((g) => rank(g.precedence)));
  const preferred = new Set(withRoles.filter((g) => rank(g.precedence) === best).map((g) => g.roleArn!));
  return { 'cognito:roles': roles, ...(preferred.size === 1 ? { 'cognito:preferred_role': [...preferred][0]! } : {}) };
}

import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { checkCode, MAX_CODES_PER_HOUR, newCode, RESET_CODE_TTL_MS, SIGN_UP_CODE_TTL_MS, type CodeCheck } from './codes.js';
import type { UserPoolClientConfig, UserPoolConfig } from './config-from-template.js';
import {
  CodeMismatchException,
  ExpiredCodeException,
  INCORRECT_CREDENTIALS,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceNotFoundException,
  TooManyFailedAttemptsException,
  UnauthorizedException,
  UnsupportedTokenTypeException,
  UnsupportedUserStateException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from './errors.js';
import type { KeyRing } from './keys.js';
import { isLockedOut } from './lockout.js';
import { deliver, maskEmail } from './mailbox.js';
import type { UserRecord } from './model.js';
import { attributeList, optionalInteger, optionalString, requiredString, stringMap, type Input } from './params.js';
import { assertPasswordMeetsPolicy, type PasswordPolicy } from './password-policy.js';
import { seal, sealJwe, unseal, unsealJwe } from './sealed.js';
import { claimMatches, claimSignature, createVerifier, N, passwordMatches, poolNameOf, serverEphemeral, serverSessionKey, SrpProtocolError, fromHex } from './srp.js';
import { parseSrpTimestamp } from './srp-timestamp.js';
import type { StateFile } from './state-file.js';
import { decodeJwt, issuerOf, signJwt, verifyJwt, type AccessTokenClaims, type IdTokenClaims, type RefreshTokenClaims } from './tokens.js';

/**
 * The user-pool API (AWSCognitoIdentityProviderService), as plain functions
 * from a parsed request to a response object. Nothing here knows about HTTP;
 * errors are thrown as the named Cognito exceptions of errors.ts.
 */
export interface UserPoolDeps {
  userPools: UserPoolConfig[];
  file: StateFile;
  keys: KeyRing;
  now: () => number;
  log: (line: string) => void;
}

export type Action = (input: Input) => unknown;

/** What the SRP SECRET_BLOCK carries between InitiateAuth and RespondToAuthChallenge. */
interface SrpSecret {
  id: string;
  poolId: string;
  clientId: string;
  username: string;
  A: string;
  b: string;
  B: string;
  expiresAt: number;
  /** Set when the user does not exist and existence errors are prevented: the answer always fails. */
  decoy?: true;
}

/** What a challenge Session carries (NEW_PASSWORD_REQUIRED). */
interface ChallengeSession {
  id: string;
  challenge: 'NEW_PASSWORD_REQUIRED';
  poolId: string;
  clientId: string;
  username: string;
  expiresAt: number;
}

/** Failed answers one challenge Session takes before TooManyFailedAttemptsException. */
const MAX_SESSION_FAILURES = 5;

const ATTEMPT_LIMIT = 'Attempt limit exceeded, please try after some time.';
const CODE_MISMATCH = 'Invalid verification code provided, please try again.';
const CODE_EXPIRED = 'Invalid code provided, please request a code again.';
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

const seconds = (ms: number) => Math.floor(ms / 1000);

export function createUserPoolActions(deps: UserPoolDeps): Record<string, Action> {
  const { file, keys, now, log } = deps;
  const state = file.state;
  /** One-time use of SECRET_BLOCKs and Sessions: id → expiry. Memory is enough, they live minutes. */
  const spent = new Map<string, number>();
  const sessionFailures = new Map<string, number>();

  // ---- lookups -------------------------------------------------------------

  const poolById = (id: string): UserPoolConfig => {
    const pool = deps.userPools.find((p) => p.id === id);
    if (!pool) throw new ResourceNotFoundException(`User pool ${id} does not exist.`);
    return pool;
  };

  const clientById = (clientId: string): { pool: UserPoolConfig; client: UserPoolClientConfig } => {
    for (const pool of deps.userPools) {
      const client = pool.clients.get(clientId);
      if (client) return { pool, client };
    }
    throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  };

  const clientOfPool = (pool: UserPoolConfig, clientId: string): UserPoolClientConfig => {
    const client = pool.clients.get(clientId);
    if (!client) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
    return client;
  };

  const usersOf = (pool: UserPoolConfig) => state.userPools[pool.id]!.users;
  const norm = (pool: UserPoolConfig, s: string) => (pool.caseSensitive ? s : s.toLowerCase());
  const emailKey = (pool: UserPoolConfig, s: string) => norm(pool, s.trim());
  const emailIsUsername = (pool: UserPoolConfig) => pool.usernameAttributes.includes('email');

  /** A user by username, or by email where the pool signs in with email (or with a verified email alias). */
  const findUser = (pool: UserPoolConfig, login: string): UserRecord | undefined => {
    const users = usersOf(pool);
    const wanted = norm(pool, login);
    for (const user of Object.values(users)) if (norm(pool, user.username) === wanted) return user;
    const byEmail = emailIsUsername(pool) || pool.aliasAttributes.includes('email');
    if (!byEmail) return undefined;
    return Object.values(users).find(
      (u) => u.attributes.email !== undefined && emailKey(pool, u.attributes.email) === emailKey(pool, login) && (emailIsUsername(pool) || u.attributes.email_verified === 'true'),
    );
  };

  const emailTaken = (pool: UserPoolConfig, email: string, except?: UserRecord) =>
    Object.values(usersOf(pool)).some((u) => u !== except && u.attributes.email !== undefined && emailKey(pool, u.attributes.email) === emailKey(pool, email));

  // ---- shapes of answers ---------------------------------------------------

  const attributesOf = (user: UserRecord) => [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }))];

  const userType = (user: UserRecord, key: 'Attributes' | 'UserAttributes' = 'Attributes', only?: string[]) => ({
    Username: user.username,
    [key]: only ? attributesOf(user).filter((a) => only.includes(a.Name)) : attributesOf(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.modifiedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  });

  const delivery = (email: string) => ({ Destination: maskEmail(email), DeliveryMedium: 'EMAIL', AttributeName: 'email' });
  /**
   * A code requested for a user who does not exist: with user-existence errors
   * hidden, the answer looks as if a code had been sent, so it reveals nothing.
   */
  const codeToNobody = (client: { preventUserExistenceErrors: boolean }, login: string) => {
    if (client.preventUserExistenceErrors) return { CodeDeliveryDetails: delivery(EMAIL_SHAPE.test(login) ? login : `${login}@example.com`) };
    throw new UserNotFoundException('Username/client id combination not found.');
  };

  // ---- codes ---------------------------------------------------------------

  const assertMaySendCode = (user: UserRecord) => {
    const t = now();
    user.codesSentAt = user.codesSentAt.filter((at) => t - at < 3600_000);
    if (user.codesSentAt.length >= MAX_CODES_PER_HOUR) throw new LimitExceededException(ATTEMPT_LIMIT);
    user.codesSentAt.push(t);
  };

  const sendCode = (pool: UserPoolConfig, user: UserRecord, purpose: 'signup' | 'reset') => {
    const t = now();
    const code = newCode(t, purpose === 'signup' ? SIGN_UP_CODE_TTL_MS : RESET_CODE_TTL_MS);
    if (purpose === 'signup') user.signUpCode = code;
    else user.resetCode = code;
    deliver(
      state.mailbox,
      {
        to: user.attributes.email ?? user.username,
        subject: purpose === 'signup' ? 'Your verification code' : 'Your password reset code',
        code: code.code,
        sentAt: new Date(t).toISOString(),
        userPoolId: pool.id,
        username: user.username,
      },
      log,
    );
  };

  /** Turns a failed code check into Cognito's error (after saving the counted guess). */
  const failCode = (result: Exclude<CodeCheck, 'ok'>): never => {
    if (result === 'mismatch') file.commit();
    if (result === 'burnt') throw new LimitExceededException(ATTEMPT_LIMIT);
    if (result === 'expired') throw new ExpiredCodeException(CODE_EXPIRED);
    throw new CodeMismatchException(CODE_MISMATCH);
  };

  // ---- passwords and sign-in -------------------------------------------------

  const setPassword = (pool: UserPoolConfig, user: UserRecord, password: string) => {
    user.srp = createVerifier(poolNameOf(pool.id), user.username, password);
    user.modifiedAt = now();
  };

  const assertNotLockedOut = (user: UserRecord) => {
    if (isLockedOut(user, now())) throw new NotAuthorizedException('Password attempts exceeded');
  };

  const passwordFailed = (user: UserRecord): never => {
    user.failedSignIns += 1;
    user.lastFailedSignInAt = now();
    file.commit();
    if (isLockedOut(user, now())) throw new NotAuthorizedException('Password attempts exceeded');
    throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
  };

  const unknownUser = (client: UserPoolClientConfig): never => {
    if (client.preventUserExistenceErrors) throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
    throw new UserNotFoundException('User does not exist.');
  };

  const issueTokens = (pool: UserPoolConfig, client: UserPoolClientConfig, user: UserRecord, refresh?: RefreshTokenClaims) => {
    const t = now();
    const iat = seconds(t);
    const originJti = refresh?.origin_jti ?? randomUUID();
    const authTime = refresh?.auth_time ?? iat;
    const iss = issuerOf(pool.region, pool.id);
    const eventId = randomUUID();
    const key = keys.signingKey(pool.id);
    const { email_verified, ...otherAttributes } = user.attributes;
    const idClaims: IdTokenClaims = {
      ...otherAttributes,
      sub: user.sub,
      ...(email_verified !== undefined ? { email_verified: email_verified === 'true' } : {}),
      iss,
      'cognito:username': user.username,
      origin_jti: originJti,
      aud: client.id,
      event_id: eventId,
      token_use: 'id',
      auth_time: authTime,
      exp: iat + client.idTokenValiditySeconds,
      iat,
      jti: randomUUID(),
    };
    const accessClaims: AccessTokenClaims = {
      sub: user.sub,
      iss,
      client_id: client.id,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
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

  const passwordSignIn = (pool: UserPoolConfig, client: UserPoolClientConfig, params: Record<string, string>) => {
    const login = params.USERNAME;
    const password = params.PASSWORD;
    if (!login) throw new InvalidParameterException('Missing required parameter USERNAME');
    if (!password) throw new InvalidParameterException('Missing required parameter PASSWORD');
    const user = findUser(pool, login);
    if (!user) return unknownUser(client);
    assertNotLockedOut(user);
    if (!passwordMatches(poolNameOf(pool.id), user.username, password, user.srp)) return passwordFailed(user);
    return afterPassword(pool, client, user);
  };

  const srpStart = (pool: UserPoolConfig, client: UserPoolClientConfig, params: Record<string, string>) => {
    const login = params.USERNAME;
    const A = params.SRP_A;
    if (!login) throw new InvalidParameterException('Missing required parameter USERNAME');
    if (!A) throw new InvalidParameterException('Missing required parameter SRP_A');
    if (!/^[0-9a-fA-F]{1,1024}$/.test(A) || fromHex(A) % N === 0n) throw new InvalidParameterException('Invalid SRP_A');
    const user = findUser(pool, login);
    let secret: SrpSecret;
    let salt: string;
    if (user) {
      assertNotLockedOut(user);
      const eph = serverEphemeral(user.srp.verifier);
      salt = user.srp.salt;
      secret = { id: randomUUID(), poolId: pool.id, clientId: client.id, username: user.username, A, b: eph.b, B: eph.B, expiresAt: now() + client.authSessionValiditySeconds * 1000 };
    } else {
      if (!client.preventUserExistenceErrors) throw new UserNotFoundException('User does not exist.');
      // A decoy challenge, stable per name, so a caller cannot tell a missing user from a wrong password.
      const mac = (label: string) => createHmac('sha256', keys.sealingKey).update(`${label}|${pool.id}|${norm(pool, login)}`).digest('hex');
      salt = mac('salt').slice(0, 32);
      const decoyId = emailIsUsername(pool) ? `${mac('id').slice(0, 8)}-${mac('id').slice(8, 12)}-4${mac('id').slice(13, 16)}-a${mac('id').slice(17, 20)}-${mac('id').slice(20, 32)}` : login;
      const eph = serverEphemeral(randomBytes(384).toString('hex'));
      secret = { id: randomUUID(), poolId: pool.id, clientId: client.id, username: decoyId, A, b: eph.b, B: eph.B, expiresAt: now() + client.authSessionValiditySeconds * 1000, decoy: true };
    }
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: salt,
        SECRET_BLOCK: seal(keys.sealingKey, 'srp', secret),
        SRP_B: secret.B,
        USERNAME: secret.username,
        USER_ID_FOR_SRP: secret.username,
      },
    };
  };

  const markSpent = (id: string, expiresAt: number): boolean => {
    const t = now();
    for (const [k, exp] of spent) if (exp <= t) spent.delete(k);
    if (spent.has(id)) return false;
    spent.set(id, expiresAt);
    return true;
  };

  const srpFinish = (pool: UserPoolConfig, client: UserPoolClientConfig, responses: Record<string, string>) => {
    const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK;
    const signature = responses.PASSWORD_CLAIM_SIGNATURE;
    const timestamp = responses.TIMESTAMP;
    if (!secretBlock || !signature || !timestamp || !responses.USERNAME) {
      throw new InvalidParameterException('Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE, TIMESTAMP or USERNAME');
    }
    if (!parseSrpTimestamp(timestamp)) throw new InvalidParameterException('TIMESTAMP format is invalid.');
    const secret = unseal<SrpSecret>(keys.sealingKey, 'srp', secretBlock);
    if (!secret || secret.poolId !== pool.id || secret.clientId !== client.id) throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
    if (now() >= secret.expiresAt) throw new NotAuthorizedException('Invalid session for the user, session is expired.');
    if (!markSpent(secret.id, secret.expiresAt)) throw new NotAuthorizedException('Invalid session for the user, session can only be used once.');
    if (secret.decoy) throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
    const user = usersOf(pool)[secret.username];
    if (!user) return unknownUser(client);
    if (norm(pool, responses.USERNAME) !== norm(pool, user.username) && findUser(pool, responses.USERNAME) !== user) {
      throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
    }
    assertNotLockedOut(user);
    let key: Buffer;
    try {
      key = serverSessionKey(secret.A, { b: secret.b, B: secret.B }, user.srp.verifier);
    } catch (err) {
      if (err instanceof SrpProtocolError) throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
      throw err;
    }
    const expected = claimSignature(key, poolNameOf(pool.id), user.username, Buffer.from(secretBlock, 'base64'), timestamp);
    if (!claimMatches(expected, signature)) return passwordFailed(user);
    return afterPassword(pool, client, user);
  };

  const newPasswordFinish = (pool: UserPoolConfig, client: UserPoolClientConfig, sessionText: string | undefined, responses: Record<string, string>) => {
    if (!sessionText) throw new InvalidParameterException('Missing required parameter Session');
    const session = unseal<ChallengeSession>(keys.sealingKey, 'session', sessionText);
    if (!session || session.poolId !== pool.id || session.clientId !== client.id) throw new NotAuthorizedException('Invalid session for the user.');
    if (now() >= session.expiresAt) throw new NotAuthorizedException('Invalid session for the user, session is expired.');
    if (spent.has(session.id)) throw new NotAuthorizedException('Invalid session for the user, session can only be used once.');
    if ((sessionFailures.get(session.id) ?? 0) >= MAX_SESSION_FAILURES) throw new TooManyFailedAttemptsException('Too many failed attempts for this session. Sign in again.');
    const user = usersOf(pool)[session.username];
    if (!user || user.status !== 'FORCE_CHANGE_PASSWORD') throw new NotAuthorizedException('Invalid session for the user.');
    const newPassword = responses.NEW_PASSWORD;
    if (!newPassword) throw new InvalidParameterException('Missing required parameter NEW_PASSWORD');
    try {
      assertPasswordMeetsPolicy(pool.passwordPolicy, newPassword);
    } catch (err) {
      sessionFailures.set(session.id, (sessionFailures.get(session.id) ?? 0) + 1);
      throw err;
    }
    markSpent(session.id, session.expiresAt);
    sessionFailures.delete(session.id);
    for (const [name, value] of Object.entries(responses)) {
      if (!name.startsWith('userAttributes.')) continue;
      const attr = name.slice('userAttributes.'.length);
      if (attr === 'sub' || attr === 'email_verified' || attr === 'email') continue;
      user.attributes[attr] = value;
    }
    setPassword(pool, user, newPassword);
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
    return issueTokens(pool, client, user);
  };

  const refreshSignIn = (pool: UserPoolConfig, client: UserPoolClientConfig, params: Record<string, string>) => {
    const token = params.REFRESH_TOKEN;
    if (!token) throw new InvalidParameterException('Missing required parameter REFRESH_TOKEN');
    const claims = unsealJwe<RefreshTokenClaims>(keys.sealingKey, token);
    if (!claims || claims.token_use !== 'refresh' || claims.userPoolId !== pool.id || claims.clientId !== client.id) {
      throw new NotAuthorizedException('Invalid Refresh Token');
    }
    if (seconds(now()) >= claims.exp) throw new NotAuthorizedException('Refresh Token has expired');
    const user = usersOf(pool)[claims.username];
    if (!user || user.sub !== claims.sub) throw new NotAuthorizedException('User does not exist.');
    if (!user.sessions[claims.origin_jti]) throw new NotAuthorizedException('Refresh Token has been revoked');
    if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
    return issueTokens(pool, client, user, claims);
  };

  const requireFlow = (client: UserPoolClientConfig, flow: Parameters<UserPoolClientConfig['explicitAuthFlows']['has']>[0], name: string) => {
    if (!client.explicitAuthFlows.has(flow)) throw new InvalidParameterException(`${name} flow not enabled for this client`);
  };

  const initiate = (pool: UserPoolConfig, client: UserPoolClientConfig, flow: string, params: Record<string, string>, admin: boolean) => {
    switch (flow) {
      case 'USER_SRP_AUTH':
        requireFlow(client, 'ALLOW_USER_SRP_AUTH', flow);
        return srpStart(pool, client, params);
      case 'USER_PASSWORD_AUTH':
        if (admin) break;
        requireFlow(client, 'ALLOW_USER_PASSWORD_AUTH', flow);
        return passwordSignIn(pool, client, params);
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        if (!admin) break;
        requireFlow(client, 'ALLOW_ADMIN_USER_PASSWORD_AUTH', flow);
        return passwordSignIn(pool, client, params);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        requireFlow(client, 'ALLOW_REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN_AUTH');
        return refreshSignIn(pool, client, params);
    }
    throw new InvalidParameterException(`Initiate Auth method not supported.`);
  };

  const respond = (pool: UserPoolConfig, client: UserPoolClientConfig, input: Input) => {
    const challenge = requiredString(input, 'ChallengeName');
    const responses = stringMap(input, 'ChallengeResponses');
    if (challenge === 'PASSWORD_VERIFIER') return srpFinish(pool, client, responses);
    if (challenge === 'NEW_PASSWORD_REQUIRED') return newPasswordFinish(pool, client, optionalString(input, 'Session'), responses);
    throw new InvalidParameterException(`The challenge ${challenge} is not supported by this user pool.`);
  };

  // ---- access tokens -------------------------------------------------------

  const userFromAccessToken = (token: string): { pool: UserPoolConfig; user: UserRecord; claims: Record<string, unknown> } => {
    // The issuer names the pool; its key must then have signed the token.
    const iss = decodeJwt(token)?.payload.iss;
    const pool = deps.userPools.find((p) => issuerOf(p.region, p.id) === iss);
    if (!pool) throw new NotAuthorizedException('Invalid Access Token');
    const check = verifyJwt(token, (kid) => keys.byKid(pool.id, kid), seconds(now()));
    if (!check.ok) throw new NotAuthorizedException(check.reason === 'expired' ? 'Access Token has expired' : 'Invalid Access Token');
    const claims = check.payload;
    if (claims.token_use !== 'access') throw new NotAuthorizedException('Invalid Access Token');
    const user = usersOf(pool)[String(claims.username)];
    if (!user || user.sub !== claims.sub) throw new NotAuthorizedException('User does not exist.');
    if (!user.sessions[String(claims.origin_jti)]) throw new NotAuthorizedException('Access Token has been revoked');
    return { pool, user, claims };
  };

  // ---- creating users ------------------------------------------------------

  const newUser = (pool: UserPoolConfig, login: string, attributes: Record<string, string>, password: string, status: UserRecord['status']): UserRecord => {
    const sub = randomUUID();
    const attrs = { ...attributes };
    delete attrs.sub;
    let username = login;
    if (emailIsUsername(pool)) {
      if (!EMAIL_SHAPE.test(login)) throw new InvalidParameterException('Username should be an email.');
      username = sub;
      attrs.email = login;
      if (emailTaken(pool, login)) throw new UsernameExistsException('An account with the given email already exists.');
    } else {
      if (pool.aliasAttributes.includes('email') && EMAIL_SHAPE.test(login)) {
        throw new InvalidParameterException('Username cannot be of email format, since user pool is configured for email alias.');
      }
      if (findUser(pool, login) && norm(pool, findUser(pool, login)!.username) === norm(pool, login)) throw new UsernameExistsException('User already exists');
    }
    if (attrs.email !== undefined && !EMAIL_SHAPE.test(attrs.email)) throw new InvalidParameterException('Invalid email address format.');
    if (attrs.email !== undefined && attrs.email_verified === undefined) attrs.email_verified = 'false';
    assertPasswordMeetsPolicy(pool.passwordPolicy, password);
    const t = now();
    return {
      username,
      sub,
      attributes: attrs,
      status,
      enabled: true,
      createdAt: t,
      modifiedAt: t,
      srp: createVerifier(poolNameOf(pool.id), username, password),
      codesSentAt: [],
      failedSignIns: 0,
      sessions: {},
    };
  };

  const temporaryPassword = (policy: PasswordPolicy): string => {
    const sets = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#%&*+-=?@^_'];
    const pick = (s: string) => s[randomInt(0, s.length)]!;
    const chars = sets.map(pick);
    while (chars.length < Math.max(policy.minimumLength, 12)) chars.push(pick(sets.join('')));
    return chars.join('');
  };

  // ---- the actions ---------------------------------------------------------

  const findOrFail = (pool: UserPoolConfig, login: string): UserRecord => {
    const user = findUser(pool, login);
    if (!user) throw new UserNotFoundException('User does not exist.');
    return user;
  };

  return {
    SignUp(input) {
      const { pool } = clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const password = requiredString(input, 'Password');
      const user = newUser(pool, login, attributeList(input, 'UserAttributes'), password, 'UNCONFIRMED');
      const verifyEmail = pool.autoVerifiedAttributes.includes('email') && user.attributes.email !== undefined;
      if (verifyEmail) {
        user.codesSentAt.push(now());
        sendCode(pool, user, 'signup');
      }
      usersOf(pool)[user.username] = user;
      file.commit();
      return {
        UserConfirmed: false,
        UserSub: user.sub,
        ...(verifyEmail ? { CodeDeliveryDetails: delivery(user.attributes.email!) } : {}),
      };
    },

    ConfirmSignUp(input) {
      const { pool, client } = clientById(requiredString(input, 'ClientId'));
      const user = findUser(pool, requiredString(input, 'Username'));
      const code = requiredString(input, 'ConfirmationCode');
      if (!user) {
        if (client.preventUserExistenceErrors) throw new CodeMismatchException(CODE_MISMATCH);
        throw new UserNotFoundException('Username/client id combination not found.');
      }
      if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
      const result = checkCode(user.signUpCode, code, now());
      if (result !== 'ok') return failCode(result);
      user.status = 'CONFIRMED';
      if (user.attributes.email !== undefined && pool.autoVerifiedAttributes.includes('email')) user.attributes.email_verified = 'true';
      delete user.signUpCode;
      user.modifiedAt = now();
      file.commit();
      return {};
    },

    ResendConfirmationCode(input) {
      const { pool, client } = clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const user = findUser(pool, login);
      if (!user) return codeToNobody(client, login);
      if (user.status !== 'UNCONFIRMED') throw new InvalidParameterException('User is already confirmed.');
      if (!pool.autoVerifiedAttributes.includes('email') || user.attributes.email === undefined) {
        throw new InvalidParameterException('Auto verification not turned on.');
      }
      assertMaySendCode(user);
      sendCode(pool, user, 'signup');
      file.commit();
      return { CodeDeliveryDetails: delivery(user.attributes.email) };
    },

    ForgotPassword(input) {
      const { pool, client } = clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const user = findUser(pool, login);
      if (!user) return codeToNobody(client, login);
      if (user.attributes.email === undefined || user.attributes.email_verified !== 'true') {
        throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
      }
      assertMaySendCode(user);
      sendCode(pool, user, 'reset');
      file.commit();
      return { CodeDeliveryDetails: delivery(user.attributes.email) };
    },

    ConfirmForgotPassword(input) {
      const { pool, client } = clientById(requiredString(input, 'ClientId'));
      const user = findUser(pool, requiredString(input, 'Username'));
      const code = requiredString(input, 'ConfirmationCode');
      const password = requiredString(input, 'Password');
      if (!user) {
        if (client.preventUserExistenceErrors) throw new CodeMismatchException(CODE_MISMATCH);
        throw new UserNotFoundException('Username/client id combination not found.');
      }
      const result = checkCode(user.resetCode, code, now());
      if (result !== 'ok') return failCode(result);
      // The code stays usable if only the new password is refused.
      assertPasswordMeetsPolicy(pool.passwordPolicy, password);
      setPassword(pool, user, password);
      delete user.resetCode;
      if (user.status === 'RESET_REQUIRED') user.status = 'CONFIRMED';
      user.failedSignIns = 0;
      delete user.lastFailedSignInAt;
      file.commit();
      return {};
    },

    InitiateAuth(input) {
      const { pool, client } = clientById(requiredString(input, 'ClientId'));
      return initiate(pool, client, requiredString(input, 'AuthFlow'), stringMap(input, 'AuthParameters'), false);
    },

    RespondToAuthChallenge(input) {
      const { pool, client } = clientById(requiredString(input, 'ClientId'));
      return respond(pool, client, input);
    },

    AdminInitiateAuth(input) {
      const pool = poolById(requiredString(input, 'UserPoolId'));
      const client = clientOfPool(pool, requiredString(input, 'ClientId'));
      return initiate(pool, client, requiredString(input, 'AuthFlow'), stringMap(input, 'AuthParameters'), true);
    },

    AdminRespondToAuthChallenge(input) {
      const pool = poolById(requiredString(input, 'UserPoolId'));
      const client = clientOfPool(pool, requiredString(input, 'ClientId'));
      return respond(pool, client, input);
    },

    GetUser(input) {
      const { user } = userFromAccessToken(requiredString(input, 'AccessToken'));
      const { Username, UserAttributes } = userType(user, 'UserAttributes');
      return { Username, UserAttributes };
    },

    GlobalSignOut(input) {
      const { user } = userFromAccessToken(requiredString(input, 'AccessToken'));
      user.sessions = {};
      file.commit();
      return {};
    },

    RevokeToken(input) {
      const token = requiredString(input, 'Token');
      const { pool, client } = clientById(requiredString(input, 'ClientId'));
      if (!client.enableTokenRevocation) throw new UnsupportedTokenTypeException('Token revocation is not enabled for this client.');
      const claims = unsealJwe<RefreshTokenClaims>(keys.sealingKey, token);
      if (!claims) throw new UnsupportedTokenTypeException('Unsupported token type');
      if (claims.clientId !== client.id || claims.userPoolId !== pool.id) throw new UnauthorizedException('Token does not belong to this client.');
      const user = usersOf(pool)[claims.username];
      if (user?.sessions[claims.origin_jti]) {
        delete user.sessions[claims.origin_jti];
        file.commit();
      }
      return {};
    },

    AdminCreateUser(input) {
      const pool = poolById(requiredString(input, 'UserPoolId'));
      const login = requiredString(input, 'Username');
      const action = optionalString(input, 'MessageAction');
      if (action !== undefined && action !== 'SUPPRESS' && action !== 'RESEND') {
        throw new InvalidParameterException(`1 validation error detected: Value '${action}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`);
      }
      const given = optionalString(input, 'TemporaryPassword');
      const password = given ?? temporaryPassword(pool.passwordPolicy);
      let user: UserRecord;
      if (action === 'RESEND') {
        user = findOrFail(pool, login);
        if (user.status !== 'FORCE_CHANGE_PASSWORD') throw new UnsupportedUserStateException('User account is not in FORCE_CHANGE_PASSWORD state');
        assertPasswordMeetsPolicy(pool.passwordPolicy, password);
        setPassword(pool, user, password);
      } else {
        const existing = findUser(pool, login);
        if (existing) throw new UsernameExistsException('User account already exists');
        user = newUser(pool, login, attributeList(input, 'UserAttributes'), password, 'FORCE_CHANGE_PASSWORD');
      }
      user.temporaryPasswordExpiresAt = now() + pool.passwordPolicy.temporaryPasswordValidityDays * 86400_000;
      usersOf(pool)[user.username] = user;
      if (action !== 'SUPPRESS' && user.attributes.email !== undefined) {
        deliver(
          state.mailbox,
          { to: user.attributes.email, subject: 'Your temporary password', code: password, sentAt: new Date(now()).toISOString(), userPoolId: pool.id, username: user.username },
          log,
        );
      }
      file.commit();
      return { User: userType(user) };
    },

    AdminConfirmSignUp(input) {
      const pool = poolById(requiredString(input, 'UserPoolId'));
      const user = findOrFail(pool, requiredString(input, 'Username'));
      if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
      user.status = 'CONFIRMED';
      delete user.signUpCode;
      user.modifiedAt = now();
      file.commit();
      return {};
    },

    AdminGetUser(input) {
      const pool = poolById(requiredString(input, 'UserPoolId'));
      return userType(findOrFail(pool, requiredString(input, 'Username')), 'UserAttributes');
    },

    AdminDeleteUser(input) {
      const pool = poolById(requiredString(input, 'UserPoolId'));
      const user = findOrFail(pool, requiredString(input, 'Username'));
      delete usersOf(pool)[user.username];
      file.commit();
      return {};
    },

    ListUsers(input) {
      const pool = poolById(requiredString(input, 'UserPoolId'));
      const limit = optionalInteger(input, 'Limit') ?? 60;
      if (limit < 0 || limit > 60) throw new InvalidParameterException(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`);
      const filter = parseFilter(optionalString(input, 'Filter'));
      const only = Array.isArray(input.AttributesToGet) ? (input.AttributesToGet as unknown[]).map(String) : undefined;
      const all = Object.values(usersOf(pool))
        .filter((u) => filter(u))
        .sort((a, b) => a.createdAt - b.createdAt || a.username.localeCompare(b.username));
      const token = optionalString(input, 'PaginationToken');
      const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
      if (!Number.isInteger(start) || start < 0) throw new InvalidParameterException('Invalid pagination token.');
      const page = all.slice(start, start + (limit || 60));
      const next = start + page.length;
      return {
        Users: page.map((u) => userType(u, 'Attributes', only)),
        ...(next < all.length ? { PaginationToken: Buffer.from(String(next)).toString('base64url') } : {}),
      };
    },
  };
}

/** ListUsers' filter: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix). */
function parseFilter(filter: string | undefined): (user: UserRecord) => boolean {
  if (filter === undefined || filter.trim() === '') return () => true;
  const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw new InvalidParameterException('Error while parsing filter.');
  const [, name, op, raw] = m as unknown as [string, string, string, string];
  const value = raw.replace(/\\(.)/g, '$1');
  const read = (u: UserRecord): string | undefined => {
    if (name === 'username') return u.username;
    if (name === 'sub') return u.sub;
    if (name === 'cognito:user_status') return u.status;
    if (name === 'status') return u.enabled ? 'Enabled' : 'Disabled';
    return u.attributes[name];
  };
  return (u) => {
    const actual = read(u);
    if (actual === undefined) return false;
    return op === '=' ? actual === value : actual.startsWith(value);
  };
}

import { randomInt, randomUUID } from 'node:crypto';
import { MAX_CODES_PER_HOUR, newCode, RESET_CODE_TTL_MS, SIGN_UP_CODE_TTL_MS, type CodeCheck } from '../codes.js';
import type { UserPoolClientConfig, UserPoolConfig, UserPoolGroupConfig } from '../config-from-template.js';
import {
  CodeMismatchException,
  ExpiredCodeException,
  INCORRECT_CREDENTIALS,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceNotFoundException,
  UserNotFoundException,
  UsernameExistsException,
} from '../errors.js';
import { isLockedOut } from '../lockout.js';
import { deliver, maskEmail } from '../mailbox.js';
import type { UserRecord } from '../model.js';
import { assertPasswordMeetsPolicy, type PasswordPolicy } from '../password-policy.js';
import { createVerifier, poolNameOf } from '../srp.js';
import { decodeJwt, issuerOf, verifyJwt } from '../tokens.js';
import type { UserPoolDeps } from './action.js';
import { createDecoys } from './decoys.js';

import { ATTEMPT_LIMIT, CODE_EXPIRED, CODE_MISMATCH } from './messages.js';

export { ATTEMPT_LIMIT, CODE_EXPIRED, CODE_MISMATCH } from './messages.js';
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

export const seconds = (ms: number) => Math.floor(ms / 1000);

/** What every group of actions shares: built once from the deps, passed to each group. */
export type UserPoolContext = ReturnType<typeof createContext>;

export function createContext(deps: UserPoolDeps) {
  const { file, keys, now, log } = deps;
  const state = file.state;
  /** One-time use of SECRET_BLOCKs and Sessions: id → expiry. Memory is enough, they live minutes. */
  const spent = new Map<string, number>();
  /** Refused answers per challenge Session (NEW_PASSWORD_REQUIRED). */
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
  /** The pool's groups: the template's (AWS::Cognito::UserPoolGroup), then those made with CreateGroup. */
  const groupsOf = (pool: UserPoolConfig): Map<string, UserPoolGroupConfig> => {
    const made = Object.values(state.userPools[pool.id]!.groups ?? {}).map((g) => [g.name, g] as const);
    return new Map<string, UserPoolGroupConfig>([...pool.groups, ...made]);
  };
  /** A user by internal username; names from requests or tokens never reach the object's prototype. */
  const userNamed = (pool: UserPoolConfig, username: string): UserRecord | undefined => {
    const users = usersOf(pool);
    return Object.hasOwn(users, username) ? users[username] : undefined;
  };
  const norm = (pool: UserPoolConfig, s: string) => (pool.caseSensitive ? s : s.toLowerCase());
  const emailKey = (pool: UserPoolConfig, s: string) => norm(pool, s.trim());
  const emailIsUsername = (pool: UserPoolConfig) => pool.usernameAttributes.includes('email');
  const decoys = createDecoys(keys.sealingKey, now, norm);

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

  const findOrFail = (pool: UserPoolConfig, login: string): UserRecord => {
    const user = findUser(pool, login);
    if (!user) throw new UserNotFoundException('User does not exist.');
    return user;
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
   * Only the missing user is hidden so: a user who exists but cannot get that code
   * (already confirmed, no verified email) still gets InvalidParameterException, as
   * from Cognito, whose guide says these APIs "alternate between" a simulated delivery
   * and InvalidParameterException (Developer Guide, "Managing user existence error
   * responses").
   */
  const codeToNobody = (pool: UserPoolConfig, client: { preventUserExistenceErrors: boolean }, login: string) => {
    if (!client.preventUserExistenceErrors) throw new UserNotFoundException('Username/client id combination not found.');
    // The same hourly limit as a real user's codes, and the same write before the answer.
    decoys.assertMaySendCode(pool, login);
    file.commit();
    return { CodeDeliveryDetails: delivery(EMAIL_SHAPE.test(login) ? login : `${login}@example.com`) };
  };

  // ---- codes ---------------------------------------------------------------

  const assertMaySendCode = (user: UserRecord) => {
    const t = now();
    user.codesSentAt = user.codesSentAt.filter((at) => t - at < 3600_000);
    if (user.codesSentAt.length >= MAX_CODES_PER_HOUR) throw new LimitExceededException(ATTEMPT_LIMIT);
    user.codesSentAt.push(t);
  };

  /** Mails a new code: sign-up confirmation, password reset, or the verification of an (updated) email. */
  const sendCode = (pool: UserPoolConfig, user: UserRecord, purpose: 'signup' | 'reset' | 'verify') => {
    const t = now();
    const code = newCode(t, purpose === 'reset' ? RESET_CODE_TTL_MS : SIGN_UP_CODE_TTL_MS);
    if (purpose === 'signup') user.signUpCode = code;
    else if (purpose === 'reset') user.resetCode = code;
    else user.attributeCode = code;
    deliver(
      state.mailbox,
      {
        to: (purpose === 'verify' ? user.pendingEmail : undefined) ?? user.attributes.email ?? user.username,
        subject: purpose === 'reset' ? 'Your password reset code' : 'Your verification code',
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

  // ---- passwords and lockout -------------------------------------------------

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

  // ---- one-time values -----------------------------------------------------

  /** Marks a SECRET_BLOCK or Session as used; false if it already was. */
  const markSpent = (id: string, expiresAt: number): boolean => {
    const t = now();
    for (const [k, exp] of spent) if (exp <= t) spent.delete(k);
    if (spent.has(id)) return false;
    spent.set(id, expiresAt);
    return true;
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
    const user = userNamed(pool, String(claims.username));
    if (!user || user.sub !== claims.sub) throw new NotAuthorizedException('User does not exist.');
    if (!user.sessions[String(claims.origin_jti)]) throw new NotAuthorizedException('Access Token has been revoked');
    return { pool, user, claims };
  };

  // ---- creating users ------------------------------------------------------

  /** A new user; the attributes were checked against the schema and the writer (attributes.ts). */
  const newUser = (pool: UserPoolConfig, login: string, attributes: Map<string, string>, password: string, status: UserRecord['status']): UserRecord => {
    const sub = randomUUID();
    const attrs: Record<string, string> = Object.fromEntries(attributes);
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

  return {
    deps,
    file,
    keys,
    now,
    log,
    state,
    spent,
    sessionFailures,
    decoys,
    poolById,
    clientById,
    clientOfPool,
    usersOf,
    userNamed,
    norm,
    emailIsUsername,
    findUser,
    findOrFail,
    emailTaken,
    attributesOf,
    userType,
    groupsOf,
    delivery,
    codeToNobody,
    assertMaySendCode,
    sendCode,
    failCode,
    setPassword,
    assertNotLockedOut,
    passwordFailed,
    unknownUser,
    markSpent,
    userFromAccessToken,
    newUser,
    temporaryPassword,
  };
}

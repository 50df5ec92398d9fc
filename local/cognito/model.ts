import type { SrpVerifier } from './srp.js';

/**
 * What the local Cognito remembers, kept one record per key in
 * `<dataDir>/cognito/state.db/` (see state-file.ts); the whole of it is also
 * the shape of the version-1 `state.json` older versions wrote, which is
 * imported once.
 * All times are milliseconds since the epoch. No password is ever kept: only
 * the SRP salt and verifier.
 */
export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';

/** A one-time code sent to the user's mailbox. */
export interface PendingCode {
  code: string;
  expiresAt: number;
  /** Wrong guesses at this code; at the limit the code is burnt. */
  failedAttempts: number;
}

/** One sign-in: every token issued from it carries its id as `origin_jti`. */
export interface SignInSession {
  clientId: string;
  issuedAt: number;
  /** When its refresh token expires; the session is forgotten after that. */
  expiresAt: number;
}

export interface UserRecord {
  /** The internal username (`cognito:username`); a uuid when users sign in with their email. */
  username: string;
  sub: string;
  /** Every attribute but `sub`, as strings, as Cognito stores them (`email_verified` is "true"/"false"). */
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  createdAt: number;
  modifiedAt: number;
  srp: SrpVerifier;
  /** For FORCE_CHANGE_PASSWORD users: when the temporary password stops working. */
  temporaryPasswordExpiresAt?: number;
  signUpCode?: PendingCode;
  resetCode?: PendingCode;
  /** The code VerifyUserAttribute takes for the email (GetUserAttributeVerificationCode, an email change). */
  attributeCode?: PendingCode;
  /** A new email waiting for verification, where the pool keeps the original until then. */
  pendingEmail?: string;
  /** When codes were last sent, to limit how many are sent per hour. */
  codesSentAt: number[];
  /** Wrong passwords in a row, and when the last one came: drives the lockout. */
  failedSignIns: number;
  lastFailedSignInAt?: number;
  /** Live sign-ins by origin_jti. GlobalSignOut empties it; RevokeToken removes one. */
  sessions: Record<string, SignInSession>;
  /** The pool's groups the user is in (AdminAddUserToGroup); absent in records written before groups existed. */
  groups?: string[];
}

/** A group made with CreateGroup (the template's groups are config, not state: config-from-template.ts). */
export interface GroupRecord {
  name: string;
  description?: string;
  precedence?: number;
  roleArn?: string;
  createdAt: number;
  modifiedAt: number;
}

export interface IdentityRecord {
  identityId: string;
  /** `<providerName>` → the user's `sub` in that provider. */
  logins: Record<string, string>;
  createdAt: number;
}

/** Credentials GetCredentialsForIdentity handed out, kept so the local API can check SigV4 signatures. */
export interface StoredCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  identityId: string;
  identityPoolId: string;
  roleArn: string;
  assumedRoleArn: string;
  authenticationProvider: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  code: string;
  sentAt: string;
  userPoolId: string;
  username: string;
}

export interface CognitoState {
  version: 1;
  userPools: Record<string, { users: Record<string, UserRecord>; groups?: Record<string, GroupRecord> }>;
  identityPools: Record<string, { identities: Record<string, IdentityRecord> }>;
  credentials: Record<string, StoredCredentials>;
  mailbox: MailMessage[];
}

export function emptyState(): CognitoState {
  return { version: 1, userPools: {}, identityPools: {}, credentials: {}, mailbox: [] };
}

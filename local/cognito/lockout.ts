import type { UserRecord } from './model.js';

/**
 * Cognito's sign-in lockout: after five wrong passwords in a row the user is
 * locked out for one second, and each further failure doubles the lockout, up
 * to about 15 minutes. While locked out even the right password is refused
 * with "Password attempts exceeded". A success resets the count.
 */
export const FREE_ATTEMPTS = 5;
export const MAX_LOCKOUT_MS = 15 * 60_000;

export function lockedUntil(user: Pick<UserRecord, 'failedSignIns' | 'lastFailedSignInAt'>): number | undefined {
  if (user.failedSignIns < FREE_ATTEMPTS || user.lastFailedSignInAt === undefined) return undefined;
  const lockMs = Math.min(1000 * 2 ** (user.failedSignIns - FREE_ATTEMPTS), MAX_LOCKOUT_MS);
  return user.lastFailedSignInAt + lockMs;
}

export function isLockedOut(user: Pick<UserRecord, 'failedSignIns' | 'lastFailedSignInAt'>, now: number): boolean {
  const until = lockedUntil(user);
  return until !== undefined && now < until;
}

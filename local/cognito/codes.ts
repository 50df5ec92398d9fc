import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { PendingCode } from './model.js';

/** How long codes live, as Cognito's do. */
export const SIGN_UP_CODE_TTL_MS = 24 * 3600_000;
export const RESET_CODE_TTL_MS = 3600_000;
/** Wrong guesses one code allows before it is burnt. */
export const MAX_CODE_ATTEMPTS = 5;
/** Codes sent to one user per rolling hour before LimitExceededException. */
export const MAX_CODES_PER_HOUR = 5;

export function newCode(now: number, ttlMs: number): PendingCode {
  return { code: String(randomInt(0, 1_000_000)).padStart(6, '0'), expiresAt: now + ttlMs, failedAttempts: 0 };
}

/** Constant-time comparison; hashing first makes both sides the same length whatever was sent. */
export function codeMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export type CodeCheck = 'ok' | 'mismatch' | 'expired' | 'burnt' | 'none';

/** Checks a code, counting a wrong guess on the pending code (the caller persists it). */
export function checkCode(pending: PendingCode | undefined, given: string, now: number): CodeCheck {
  if (!pending) return 'none';
  if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) return 'burnt';
  if (!codeMatches(pending.code, given)) {
    pending.failedAttempts += 1;
    return 'mismatch';
  }
  if (now >= pending.expiresAt) return 'expired';
  return 'ok';
}

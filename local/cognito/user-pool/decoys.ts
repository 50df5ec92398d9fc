import { createHmac, randomBytes } from 'node:crypto';
import { MAX_CODE_ATTEMPTS, MAX_CODES_PER_HOUR } from '../codes.js';
import type { UserPoolConfig } from '../config-from-template.js';
import { CodeMismatchException, INCORRECT_CREDENTIALS, LimitExceededException, NotAuthorizedException } from '../errors.js';
import { isLockedOut, MAX_LOCKOUT_MS } from '../lockout.js';
import { createVerifier, passwordMatches, poolNameOf, type SrpVerifier } from '../srp.js';
import { ATTEMPT_LIMIT, CODE_MISMATCH } from './messages.js';

/**
 * With PreventUserExistenceErrors, a user who does not exist must look like
 * one who does (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html):
 * the same answers, the same work, the same limits. A missing login gets:
 *
 * - a decoy SRP identity, stable per (pool, login) so that asking twice does
 *   not show it is made up: USER_ID_FOR_SRP a well-formed v4 uuid (version 4,
 *   variant 8/9/a/b, as randomUUID gives) and a salt, both HMACs under the
 *   service's key, which no caller knows;
 * - the verifier work of a real password check, against a decoy verifier;
 * - a lockout and a code rate limit counted in memory as a real user's are
 *   counted in the state, so "Password attempts exceeded" and
 *   LimitExceededException come after the same number of tries.
 *
 * Memory is enough for the counts: they matter for minutes, and entries are
 * dropped once they no longer count.
 */
export function createDecoys(sealingKey: Buffer, now: () => number, norm: (pool: UserPoolConfig, s: string) => string) {
  const verifiers = new Map<string, SrpVerifier>();
  const failures = new Map<string, { failedSignIns: number; lastFailedSignInAt?: number }>();
  const codesSent = new Map<string, number[]>();
  /** Wrong guesses at the last code "sent" to a missing login. */
  const guesses = new Map<string, number>();

  const keyOf = (pool: UserPoolConfig, login: string) => `${pool.id}|${norm(pool, login)}`;
  const mac = (label: string, pool: UserPoolConfig, login: string) => createHmac('sha256', sealingKey).update(`${label}|${keyOf(pool, login)}`).digest();

  const prune = () => {
    const t = now();
    if (failures.size > 1000) for (const [k, f] of failures) if (t - (f.lastFailedSignInAt ?? 0) > MAX_LOCKOUT_MS * 2) failures.delete(k);
    if (codesSent.size > 1000) {
      for (const [k, sent] of codesSent) {
        if (sent.every((at) => t - at >= 3600_000)) {
          codesSent.delete(k);
          guesses.delete(k);
        }
      }
    }
  };

  return {
    /** A v4 uuid (RFC 9562: version nibble 4, variant bits 10) derived from the login. */
    userId(pool: UserPoolConfig, login: string): string {
      const b = mac('id', pool, login).subarray(0, 16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    },

    salt(pool: UserPoolConfig, login: string): string {
      return mac('salt', pool, login).subarray(0, 16).toString('hex');
    },

    /** A verifier no password matches (made once per pool), for the decoy's SRP math. */
    verifier(pool: UserPoolConfig): SrpVerifier {
      let verifier = verifiers.get(pool.id);
      if (!verifier) {
        verifier = createVerifier(poolNameOf(pool.id), 'decoy', randomBytes(32).toString('hex'));
        verifiers.set(pool.id, verifier);
      }
      return verifier;
    },

    /** The same modular exponentiation a real password check does, with an answer that is always no. */
    checkPassword(pool: UserPoolConfig, login: string, password: string): void {
      passwordMatches(poolNameOf(pool.id), login, password, this.verifier(pool));
    },

    assertNotLockedOut(pool: UserPoolConfig, login: string): void {
      const f = failures.get(keyOf(pool, login));
      if (f && isLockedOut(f, now())) throw new NotAuthorizedException('Password attempts exceeded');
    },

    /** A failed sign-in of a missing login, counted and answered as a real user's. */
    passwordFailed(pool: UserPoolConfig, login: string): never {
      prune();
      const key = keyOf(pool, login);
      const f = failures.get(key) ?? { failedSignIns: 0 };
      f.failedSignIns += 1;
      f.lastFailedSignInAt = now();
      failures.set(key, f);
      if (isLockedOut(f, now())) throw new NotAuthorizedException('Password attempts exceeded');
      throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
    },

    /** The per-hour code limit, for codes "sent" to a missing login. */
    assertMaySendCode(pool: UserPoolConfig, login: string): void {
      prune();
      const key = keyOf(pool, login);
      const t = now();
      const sent = (codesSent.get(key) ?? []).filter((at) => t - at < 3600_000);
      codesSent.set(key, sent);
      if (sent.length >= MAX_CODES_PER_HOUR) throw new LimitExceededException(ATTEMPT_LIMIT);
      sent.push(t);
      guesses.delete(key);
    },

    /**
     * A guess at a code for a missing login: wrong, as ever, but after as many
     * guesses as burn a real code (once a code was "sent" in the last hour),
     * LimitExceededException, as a real user's burnt code answers.
     */
    codeGuessFailed(pool: UserPoolConfig, login: string): never {
      const key = keyOf(pool, login);
      const t = now();
      const sent = (codesSent.get(key) ?? []).some((at) => t - at < 3600_000);
      if (sent) {
        const n = guesses.get(key) ?? 0;
        if (n >= MAX_CODE_ATTEMPTS) throw new LimitExceededException(ATTEMPT_LIMIT);
        guesses.set(key, n + 1);
      }
      throw new CodeMismatchException(CODE_MISMATCH);
    },
  };
}

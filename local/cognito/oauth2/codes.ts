import { randomUUID } from 'node:crypto';

/** Authorization codes live 5 minutes (Cognito developer guide, "The token issuer endpoint": "an authorization code … valid for 5 minutes"). */
export const CODE_TTL_MS = 5 * 60_000;
/** A bound on codes held at once, so a flood of sign-ins cannot fill memory; the oldest go first. */
const MAX_CODES = 10_000;

/** What a code stands for: the grant the user agreed to on the hosted UI. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  username: string;
  sub: string;
  authTime: number;
  nonce?: string;
  codeChallenge?: string;
}

interface Entry {
  grant: CodeGrant;
  expiresAt: number;
  /** Set once exchanged; a second exchange is refused and revokes what the first one issued (RFC 6749 §4.1.2). */
  redeemedBy?: string;
}

export type Redemption = { ok: true; grant: CodeGrant; redeemed(originJti: string): void } | { ok: false; reason: 'unknown' | 'expired'; } | { ok: false; reason: 'reused'; originJti: string; username: string };

export type CodeStore = ReturnType<typeof createCodeStore>;

/** Single-use authorization codes, in memory: they live minutes, a restart may forget them (the client starts over). */
export function createCodeStore(now: () => number) {
  const codes = new Map<string, Entry>();

  const purge = () => {
    const t = now();
    for (const [code, entry] of codes) if (entry.expiresAt <= t) codes.delete(code);
    while (codes.size >= MAX_CODES) codes.delete(codes.keys().next().value!);
  };

  return {
    issue(grant: CodeGrant): string {
      purge();
      const code = randomUUID();
      codes.set(code, { grant, expiresAt: now() + CODE_TTL_MS });
      return code;
    },
    redeem(code: string): Redemption {
      const entry = codes.get(code);
      if (!entry) return { ok: false, reason: 'unknown' };
      if (entry.redeemedBy !== undefined) return { ok: false, reason: 'reused', originJti: entry.redeemedBy, username: entry.grant.username };
      if (now() >= entry.expiresAt) {
        codes.delete(code);
        return { ok: false, reason: 'expired' };
      }
      entry.redeemedBy = '';
      return { ok: true, grant: entry.grant, redeemed: (originJti) => void (entry.redeemedBy = originJti) };
    },
  };
}

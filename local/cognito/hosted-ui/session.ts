import type { IncomingMessage } from 'node:http';
import { seal, unseal } from '../sealed.js';
import { seconds } from '../user-pool/context.js';
import { cookiesOf } from '../oauth2/reply.js';
import type { OAuthServer } from '../oauth2/server.js';
import type { UserRecord } from '../model.js';

/** Cognito's hosted UI keeps a signed-in browser for an hour ("cognito" cookie on the domain): a second authorize skips the form. */
export const SESSION_COOKIE = 'cognito';
export const SESSION_TTL_SECONDS = 3600;

export interface HostedUiSession {
  poolId: string;
  username: string;
  sub: string;
  /** When the password was typed (seconds): the tokens' auth_time. */
  authTime: number;
  exp: number;
}

/** The browser's hosted-UI session, sealed (AES-GCM, purpose-bound) so the browser can neither read nor forge it. */
export function readSession(server: OAuthServer, req: IncomingMessage): { session: HostedUiSession; user: UserRecord } | undefined {
  const raw = cookiesOf(req).get(SESSION_COOKIE);
  if (!raw) return undefined;
  const session = unseal<HostedUiSession>(server.ctx.keys.sealingKey, 'hosted-ui-session', decodeURIComponent(raw));
  if (!session || session.poolId !== server.pool.id || seconds(server.now()) >= session.exp) return undefined;
  const user = server.ctx.userNamed(server.pool, session.username);
  // A user deleted, disabled or signed out everywhere since (GlobalSignOut) must type the password again.
  if (!user || user.sub !== session.sub || !user.enabled || user.status !== 'CONFIRMED') return undefined;
  return { session, user };
}

export function sessionCookie(server: OAuthServer, user: UserRecord): { cookie: string; session: HostedUiSession } {
  const t = seconds(server.now());
  const session: HostedUiSession = { poolId: server.pool.id, username: user.username, sub: user.sub, authTime: t, exp: t + SESSION_TTL_SECONDS };
  const value = encodeURIComponent(seal(server.ctx.keys.sealingKey, 'hosted-ui-session', session));
  // HttpOnly: no page script reads it; SameSite=Lax: sent on the top-level GET of /oauth2/authorize, not on cross-site posts.
  return { cookie: `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; SameSite=Lax`, session };
}

export const clearSessionCookie = `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;

/**
 * What the request inspector shows, as pure functions: the headers that matter for
 * the auth mode, with long secrets shortened so the panel teaches without leaking a
 * usable token into a screenshot.
 */
import type { AuthMode } from '../config/config';

export interface ShownHeader {
  name: string;
  value: string;
  /** Why this header is there, in the workshop's words. */
  note?: string;
}

/** "eyJraWQiOi…Qx3c (912 chars)": enough to recognise, not enough to reuse. */
export function shorten(value: string, keepStart = 12, keepEnd = 6): string {
  if (value.length <= keepStart + keepEnd + 3) return value;
  return `${value.slice(0, keepStart)}…${value.slice(-keepEnd)} (${value.length} chars)`;
}

/** SigV4's Authorization: keep its structure visible, shorten the signature. */
export function shortenSigV4(value: string): string {
  return value.replace(/Signature=([0-9a-f]+)/i, (_, sig: string) => `Signature=${sig.slice(0, 8)}…`);
}

/** A JWT's `token_use` claim (Cognito's id or access), read without trusting it: only to label it. */
export function tokenUseOf(jwt: string): string | undefined {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(json) as { token_use?: unknown };
    return typeof claims.token_use === 'string' ? claims.token_use : undefined;
  } catch {
    return undefined;
  }
}

/** What an API key is for (usage plans), and what it is not. */
export const API_KEY_NOTE = 'an API key identifies a client for throttling and quotas; it does not authenticate a rider';

const ORDER = ['authorization', 'x-amz-date', 'x-amz-security-token', 'content-type', 'x-amz-user-agent'];

export function presentHeaders(headers: Record<string, string>): ShownHeader[] {
  const names = Object.keys(headers).sort((a, b) => {
    const ia = ORDER.indexOf(a.toLowerCase());
    const ib = ORDER.indexOf(b.toLowerCase());
    return (ia === -1 ? ORDER.length : ia) - (ib === -1 ? ORDER.length : ib) || a.localeCompare(b);
  });
  return names.map((name) => {
    const value = headers[name]!;
    switch (name.toLowerCase()) {
      case 'authorization':
        if (value.startsWith('AWS4-HMAC-SHA256')) {
          return { name, value: shortenSigV4(value), note: 'SigV4 signature from identity-pool credentials' };
        }
        return {
          name,
          value: shorten(value),
          note: tokenUseOf(value) === 'access' ? 'the Cognito access token (a JWT; API Gateway checks its scope)' : 'the Cognito ID token (a JWT)',
        };
      case 'x-amz-security-token':
        return { name, value: shorten(value), note: 'session token of the temporary credentials' };
      case 'host':
        // Amplify signs it; the browser sends its own (the same value), as page code may not set Host.
        return { name, value, note: 'signed; the browser sets it itself' };
      case 'x-amz-date':
        return { name, value, note: 'signing time; the signature is refused 5 minutes later' };
      case 'x-api-key':
        return { name, value: shorten(value), note: API_KEY_NOTE };
      default:
        return { name, value };
    }
  });
}

export function describeMode(mode: AuthMode): string {
  switch (mode) {
    case 'none':
      return 'No authorization: the API accepts anyone, so no credentials are sent.';
    case 'cognito':
      return 'Cognito user pool authorizer: the ID token travels in the Authorization header.';
    case 'iam':
      return 'AWS_IAM: Amplify signs the request with SigV4 using temporary credentials from the identity pool.';
    case 'lambda':
      return 'Lambda authorizer: the ID token travels in the Authorization header; a function of ours verified it and returned a principal, a policy and a context.';
  }
}

/** Pretty-prints JSON bodies; leaves anything else as it came. */
export function formatBody(body: string | undefined): string {
  if (body === undefined || body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** What a Lambda authorizer told the ride function: the ride answer echoes it in lambda mode (`Authorizer`). */
export interface AuthorizerEcho {
  principalId: string;
  context: Record<string, string>;
}

export function authorizerEcho(body: string | undefined): AuthorizerEcho | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { Authorizer?: { principalId?: unknown; context?: unknown } };
    const echo = parsed?.Authorizer;
    if (!echo || typeof echo.principalId !== 'string' || !echo.context || typeof echo.context !== 'object') return undefined;
    const context: Record<string, string> = {};
    for (const [key, value] of Object.entries(echo.context as Record<string, unknown>)) context[key] = String(value);
    return { principalId: echo.principalId, context };
  } catch {
    return undefined;
  }
}

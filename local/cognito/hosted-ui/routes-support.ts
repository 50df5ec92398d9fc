import { CognitoError } from '../errors.js';
import { readAuthorizationRequest, type AuthorizationRequest } from '../oauth2/authorization-request.js';
import { formOf, redirect, type Reply } from '../oauth2/reply.js';
import type { RouteCall } from '../oauth2/route.js';
import { csrfValid } from './csrf.js';
import { carried } from './pages.js';

/** The request every page serves (from its query), and the posted form once its CSRF token is checked. */
export function pageCall(call: RouteCall): { request: AuthorizationRequest; form: URLSearchParams; csrfOk: boolean } {
  const request = readAuthorizationRequest(call.server, call.url.searchParams);
  const form = formOf(call.req, call.body);
  return { request, form, csrfOk: call.req.method !== 'POST' || csrfValid(call.req, form) };
}

/** Refused form posts say why, like Cognito's "Invalid CSRF token" page. */
export const CSRF_ERROR = 'This form has expired or did not come from this page. Please try again.';

/** To another page of the hosted UI, with the request (and maybe the username) carried along. */
export function toPage(path: string, request: AuthorizationRequest, extra: Record<string, string> = {}): Reply {
  const q = new URLSearchParams(carried(request));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return redirect(`${path}?${q.toString()}`);
}

/** A user-pool action's refusal as the message a page shows (Cognito's own messages: "Incorrect username or password."). */
export async function attempt<T>(fn: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: CognitoError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof CognitoError) return { ok: false, error: err };
    throw err;
  }
}

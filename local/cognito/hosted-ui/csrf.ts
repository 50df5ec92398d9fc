import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { cookiesOf } from '../oauth2/reply.js';

/**
 * CSRF protection of the hosted UI's forms, as Cognito's: an `XSRF-TOKEN` cookie
 * and the same value in each form's `_csrf` field (double submit). Another site
 * can make a browser post a form here, but cannot read or set this cookie, so it
 * cannot know the value to put in the field.
 */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_FIELD = '_csrf';

/** The request's token, or a new one with the cookie that sets it. */
export function csrfToken(req: IncomingMessage): { token: string; setCookie?: string } {
  const existing = cookiesOf(req).get(CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: existing };
  const token = randomBytes(32).toString('base64url');
  return { token, setCookie: `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict` };
}

/** Does the form's `_csrf` equal the cookie? Compared in constant time. */
export function csrfValid(req: IncomingMessage, form: URLSearchParams): boolean {
  const cookie = cookiesOf(req).get(CSRF_COOKIE);
  const field = form.get(CSRF_FIELD);
  if (!cookie || !field) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(field);
  return a.length === b.length && timingSafeEqual(a, b);
}

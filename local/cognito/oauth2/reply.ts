import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What an OAuth endpoint or a hosted-UI page answers; written by `send`. */
export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

/** Token responses must never be cached (RFC 6749 §5.1). */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export const json = (status: number, body: unknown, headers: Record<string, string | string[]> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json;charset=UTF-8', ...NO_STORE, ...headers },
  body: JSON.stringify(body),
});

export const redirect = (location: string, headers: Record<string, string | string[]> = {}): Reply => ({
  status: 302,
  headers: { Location: location, ...NO_STORE, ...headers },
});

/** The one stylesheet of the hosted UI's pages, allowed by its hash: no 'unsafe-inline', no script at all. */
export const PAGE_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}' +
  'label{display:block;margin:.8rem 0 .2rem;font-weight:600}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}' +
  'button{margin-top:1rem;padding:.6rem 1rem;font-size:1rem}.error{color:#b00020;border:1px solid #b00020;padding:.5rem}' +
  '.note{color:#333;background:#f2f2f7;padding:.5rem}nav a{display:block;margin:.4rem 0}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;

/**
 * A hosted-UI page: strict security headers. No script may run, the page may
 * not be framed (clickjacking of the password form), forms post only to this
 * server and, since a successful sign-in redirects there, to the client's
 * callback origin (browsers apply form-action to the redirect after a submit).
 */
export function html(status: number, body: string, formTargets: readonly string[] = [], headers: Record<string, string | string[]> = {}): Reply {
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    "img-src 'self'",
    `form-action 'self'${formTargets.map((o) => ` ${o}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...NO_STORE,
      ...headers,
    },
    body,
  };
}

export function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body ?? '';
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** A form or query body as a Map-like reader: URLSearchParams never reaches an object's prototype. */
export function formOf(req: IncomingMessage, body: Buffer): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' ? new URLSearchParams(body.toString('utf8')) : new URLSearchParams();
}

/** Cookies of a request by name (a Map). */
export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return jar;
}

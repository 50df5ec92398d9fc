import type { IncomingMessage } from 'node:http';
import type { AuthorizationRequest } from '../oauth2/authorization-request.js';
import { html, PAGE_STYLE, type Reply } from '../oauth2/reply.js';
import { CSRF_FIELD, csrfToken } from './csrf.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** The authorization request's query without the page's own fields: what every link and form of the hosted UI carries. */
export function carried(request: AuthorizationRequest): string {
  const q = new URLSearchParams(request.query);
  q.delete('username');
  return q.toString();
}

export interface Field {
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  value?: string;
  hint?: string;
}

export interface PageContent {
  title: string;
  /** The form posts here (with the request's query). */
  action: string;
  fields: Field[];
  submit: string;
  error?: string;
  note?: string;
  /** Shows where the local cloud delivers codes (the terminal and the mailbox), as the website's pages do. */
  mailboxHint?: boolean;
  links?: [string, string][];
  /** A second submit button (name=value), e.g. "Send a new code". */
  secondary?: { name: string; label: string };
}

/**
 * A hosted-UI page: one plain HTML form, labelled fields, errors announced
 * (role=alert), no script. The form carries the CSRF token of the browser's
 * XSRF-TOKEN cookie.
 */
export function renderPage(req: IncomingMessage, request: AuthorizationRequest, content: PageContent, status = 200): Reply {
  const csrf = csrfToken(req);
  const query = carried(request);
  const field = (f: Field) =>
    `<label for="${f.name}">${escapeHtml(f.label)}</label>` +
    `<input id="${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}" required${f.value !== undefined ? ` value="${escapeHtml(f.value)}"` : ''}${f.hint ? ` aria-describedby="${f.name}-hint"` : ''}>` +
    (f.hint ? `<small id="${f.name}-hint">${escapeHtml(f.hint)}</small>` : '');
  const body = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.title)} · Wild Rydes</title><style>${PAGE_STYLE}</style></head><body><main>`,
    `<h1>${escapeHtml(content.title)}</h1>`,
    content.error ? `<p class="error" role="alert">${escapeHtml(content.error)}</p>` : '',
    content.note ? `<p class="note" role="status">${escapeHtml(content.note)}</p>` : '',
    content.mailboxHint
      ? '<p class="note">Running locally: no email is sent. The code is printed in the terminal running <code>npm start</code> and listed in the <a href="/_local/mailbox">local mailbox</a>.</p>'
      : '',
    `<form method="post" action="${escapeHtml(`${content.action}?${query}`)}">`,
    `<input type="hidden" name="${CSRF_FIELD}" value="${csrf.token}">`,
    ...content.fields.map(field),
    `<button type="submit">${escapeHtml(content.submit)}</button>`,
    content.secondary ? ` <button type="submit" name="${content.secondary.name}" value="1" formnovalidate>${escapeHtml(content.secondary.label)}</button>` : '',
    '</form>',
    content.links?.length ? `<nav>${content.links.map(([href, text]) => `<a href="${escapeHtml(`${href}?${query}`)}">${escapeHtml(text)}</a>`).join('')}</nav>` : '',
    '</main></body></html>',
  ].join('');
  return html(status, body, [new URL(request.redirectUri).origin], csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : {});
}

/** The page for a request that cannot go back to the client (unknown client, unregistered redirect_uri or logout_uri). */
export function errorPage(code: string, message: string): Reply {
  const body = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>An error was encountered · Wild Rydes</title><style>${PAGE_STYLE}</style></head><body><main>`,
    '<h1>An error was encountered with the requested page.</h1>',
    `<p class="error" role="alert"><strong>${escapeHtml(code)}</strong>: ${escapeHtml(message)}</p>`,
    '<p>Check the app client\'s callback and sign-out URLs (the stack\'s <code>-c extraCallbackUrls</code>) against the URL the app sent.</p>',
    '</main></body></html>',
  ].join('');
  return html(400, body);
}

import type { AuthorizationRequest } from '../oauth2/authorization-request.js';
import type { Route, RouteCall } from '../oauth2/route.js';
import { renderPage } from './pages.js';
import { attempt, CSRF_ERROR, pageCall, toPage } from './routes-support.js';

const forgotPage = (call: RouteCall, request: AuthorizationRequest, error?: string, username?: string) =>
  renderPage(call.req, request, {
    title: 'Forgot your password?',
    action: '/forgotPassword',
    fields: [{ name: 'username', label: 'Email', type: 'email', autocomplete: 'username', value: username ?? call.url.searchParams.get('username') ?? '' }],
    submit: 'Reset my password',
    note: 'Enter your email and we will send you a code to reset your password.',
    ...(error ? { error } : {}),
    links: [['/login', 'Back to sign in']],
  }, error ? 400 : 200);

const resetPage = (call: RouteCall, request: AuthorizationRequest, username: string, error?: string) =>
  renderPage(call.req, request, {
    title: 'Reset your password',
    action: '/confirmForgotPassword',
    fields: [
      { name: 'username', label: 'Email', type: 'email', autocomplete: 'username', value: username },
      { name: 'code', label: 'Code', type: 'text', autocomplete: 'one-time-code' },
      { name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: 'At least 12 characters, with upper and lower case letters, a digit and a symbol.' },
    ],
    submit: 'Change password',
    note: 'If an account exists for this email, we have sent it a code.',
    mailboxHint: true,
    ...(error ? { error } : {}),
  }, error ? 400 : 200);

/** /forgotPassword and /confirmForgotPassword: ForgotPassword and ConfirmForgotPassword of the pool (user existence stays hidden). */
export const forgotGet: Route = { method: 'GET', path: '/forgotPassword', handle: (call) => forgotPage(call, pageCall(call).request) };

export const forgotPost: Route = {
  method: 'POST',
  path: '/forgotPassword',
  async handle(call) {
    const { request, form, csrfOk } = pageCall(call);
    const username = form.get('username') ?? '';
    if (!csrfOk) return forgotPage(call, request, CSRF_ERROR, username);
    const result = await attempt(() => call.server.actions.ForgotPassword!({ ClientId: request.client.id, Username: username }));
    if (!result.ok) return forgotPage(call, request, result.error.message, username);
    return toPage('/confirmForgotPassword', request, { username });
  },
};

export const resetGet: Route = {
  method: 'GET',
  path: '/confirmForgotPassword',
  handle: (call) => resetPage(call, pageCall(call).request, call.url.searchParams.get('username') ?? ''),
};

export const resetPost: Route = {
  method: 'POST',
  path: '/confirmForgotPassword',
  async handle(call) {
    const { request, form, csrfOk } = pageCall(call);
    const username = form.get('username') ?? '';
    if (!csrfOk) return resetPage(call, request, username, CSRF_ERROR);
    const result = await attempt(() =>
      call.server.actions.ConfirmForgotPassword!({ ClientId: request.client.id, Username: username, ConfirmationCode: (form.get('code') ?? '').trim(), Password: form.get('password') ?? '' }),
    );
    if (!result.ok) return resetPage(call, request, username, result.error.message);
    return toPage('/login', request, { login_hint: username, note: 'reset' });
  },
};

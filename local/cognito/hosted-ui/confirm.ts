import type { AuthorizationRequest } from '../oauth2/authorization-request.js';
import type { Route, RouteCall } from '../oauth2/route.js';
import { renderPage } from './pages.js';
import { attempt, CSRF_ERROR, pageCall, toPage } from './routes-support.js';

const confirmPage = (call: RouteCall, request: AuthorizationRequest, username: string, error?: string, note?: string) =>
  renderPage(call.req, request, {
    title: 'Confirm your account',
    action: '/confirmUser',
    fields: [
      { name: 'username', label: 'Email', type: 'email', autocomplete: 'username', value: username },
      { name: 'code', label: 'Verification code', type: 'text', autocomplete: 'one-time-code' },
    ],
    submit: 'Confirm account',
    secondary: { name: 'resend', label: 'Send a new code' },
    note: note ?? 'We have sent a code by email. Enter it below to confirm your account.',
    mailboxHint: true,
    ...(error ? { error } : {}),
  }, error ? 400 : 200);

/** /confirmUser: ConfirmSignUp with the mailed code (or ResendConfirmationCode), then back to sign in. */
export const confirmGet: Route = {
  method: 'GET',
  path: '/confirmUser',
  handle: (call) => confirmPage(call, pageCall(call).request, call.url.searchParams.get('username') ?? ''),
};

export const confirmPost: Route = {
  method: 'POST',
  path: '/confirmUser',
  async handle(call) {
    const { request, form, csrfOk } = pageCall(call);
    const username = form.get('username') ?? '';
    if (!csrfOk) return confirmPage(call, request, username, CSRF_ERROR);
    const { actions } = call.server;
    if (form.get('resend')) {
      const sent = await attempt(() => actions.ResendConfirmationCode!({ ClientId: request.client.id, Username: username }));
      return sent.ok ? confirmPage(call, request, username, undefined, 'A new code is on its way.') : confirmPage(call, request, username, sent.error.message);
    }
    const result = await attempt(() => actions.ConfirmSignUp!({ ClientId: request.client.id, Username: username, ConfirmationCode: (form.get('code') ?? '').trim() }));
    if (!result.ok) return confirmPage(call, request, username, result.error.message);
    return toPage('/login', request, { login_hint: username, note: 'confirmed' });
  },
};

import { completeAuthorization } from '../oauth2/grant.js';
import { redirect } from '../oauth2/reply.js';
import type { Route, RouteCall } from '../oauth2/route.js';
import type { AuthorizationRequest } from '../oauth2/authorization-request.js';
import { renderPage } from './pages.js';
import { attempt, CSRF_ERROR, pageCall, toPage } from './routes-support.js';
import { sessionCookie } from './session.js';

const NOTES: Record<string, string> = { confirmed: 'Your account is confirmed. Sign in to continue.', reset: 'Your password was changed. Sign in with the new one.' };

const loginPage = (call: RouteCall, request: AuthorizationRequest, error?: string, username?: string) =>
  renderPage(call.req, request, {
    title: 'Sign in',
    action: '/login',
    fields: [
      { name: 'username', label: 'Email', type: 'email', autocomplete: 'username', value: username ?? request.loginHint ?? '' },
      { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
    ],
    submit: 'Sign in',
    ...(error ? { error } : {}),
    ...(NOTES[call.url.searchParams.get('note') ?? ''] ? { note: NOTES[call.url.searchParams.get('note')!]! } : {}),
    links: [
      ['/forgotPassword', 'Forgot your password?'],
      ['/signup', 'Need an account? Sign up'],
    ],
  }, error ? 400 : 200);

/**
 * /login: the hosted UI's sign-in. The password is checked by the user pool's own
 * logic (lockout, hidden user existence, Cognito's messages); a confirmed user gets
 * the hosted-UI session cookie and goes back to the client with a code.
 */
export const loginGet: Route = { method: 'GET', path: '/login', handle: (call) => loginPage(call, pageCall(call).request) };

export const loginPost: Route = {
  method: 'POST',
  path: '/login',
  async handle(call) {
    const { server } = call;
    const { request, form, csrfOk } = pageCall(call);
    const username = form.get('username') ?? '';
    if (!csrfOk) return loginPage(call, request, CSRF_ERROR, username);
    const result = await attempt(() => server.signIn.passwordUser(server.pool, request.client, { USERNAME: username, PASSWORD: form.get('password') ?? '' }));
    await server.ctx.file.flushed();
    if (!result.ok) return loginPage(call, request, result.error.message, username);
    const user = result.value;
    // The checks InitiateAuth makes after a right password, as pages (sign-in.ts afterPassword).
    if (!user.enabled) return loginPage(call, request, 'User is disabled.', username);
    if (user.status === 'UNCONFIRMED') return toPage('/confirmUser', request, { username });
    if (user.status === 'RESET_REQUIRED') return toPage('/forgotPassword', request, { username });
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      return loginPage(call, request, 'This account has a temporary password: set a new one by signing in on the website first.', username);
    }
    user.failedSignIns = 0;
    delete user.lastFailedSignInAt;
    server.ctx.file.commit();
    await server.ctx.file.flushed();
    const { cookie, session } = sessionCookie(server, user);
    return redirect(completeAuthorization(server, request, user, session.authTime), { 'Set-Cookie': cookie });
  },
};

import type { AuthorizationRequest } from '../oauth2/authorization-request.js';
import type { Route, RouteCall } from '../oauth2/route.js';
import { renderPage } from './pages.js';
import { attempt, CSRF_ERROR, pageCall, toPage } from './routes-support.js';

const signupPage = (call: RouteCall, request: AuthorizationRequest, error?: string, email?: string) =>
  renderPage(call.req, request, {
    title: 'Sign up',
    action: '/signup',
    fields: [
      { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', value: email ?? '' },
      { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: 'At least 12 characters, with upper and lower case letters, a digit and a symbol.' },
    ],
    submit: 'Sign up',
    ...(error ? { error } : {}),
    links: [['/login', 'Already have an account? Sign in']],
  }, error ? 400 : 200);

/** /signup: SignUp of the user pool (password policy, existing email…), then the code page. */
export const signupGet: Route = { method: 'GET', path: '/signup', handle: (call) => signupPage(call, pageCall(call).request) };

export const signupPost: Route = {
  method: 'POST',
  path: '/signup',
  async handle(call) {
    const { request, form, csrfOk } = pageCall(call);
    const email = form.get('email') ?? '';
    if (!csrfOk) return signupPage(call, request, CSRF_ERROR, email);
    const result = await attempt(() =>
      call.server.actions.SignUp!({ ClientId: request.client.id, Username: email, Password: form.get('password') ?? '', UserAttributes: [{ Name: 'email', Value: email }] }),
    );
    if (!result.ok) return signupPage(call, request, result.error.message, email);
    return toPage('/confirmUser', request, { username: email });
  },
};

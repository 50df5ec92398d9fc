import { readSession } from '../hosted-ui/session.js';
import { AuthorizationRedirectError, readAuthorizationRequest } from './authorization-request.js';
import { LoginRequiredError } from './errors.js';
import { completeAuthorization } from './grant.js';
import { redirect } from './reply.js';
import type { Route } from './route.js';

/**
 * GET /oauth2/authorize: checks the request, then either completes it at once for
 * a browser already signed in to the hosted UI (its session cookie), or sends the
 * browser to the sign-in page with the request carried along, as Cognito does.
 * `prompt=login` always asks for the password; `prompt=none` never shows a page.
 */
export const authorize: Route = {
  method: 'GET',
  path: '/oauth2/authorize',
  handle({ server, req, url }) {
    const request = readAuthorizationRequest(server, url.searchParams);
    const signedIn = request.prompt === 'login' ? undefined : readSession(server, req);
    if (signedIn) return redirect(completeAuthorization(server, request, signedIn.user, signedIn.session.authTime));
    if (request.prompt === 'none') {
      throw new AuthorizationRedirectError(new LoginRequiredError('the user is not signed in'), request.redirectUri, request.responseType === 'token', request.state);
    }
    return redirect(`/login?${request.query}`);
  },
};

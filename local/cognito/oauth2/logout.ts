import { clearSessionCookie } from '../hosted-ui/session.js';
import { HostedUiErrorPage } from './errors.js';
import { redirect } from './reply.js';
import type { Route } from './route.js';
import { clientOf, logoutUrls } from './server.js';

/**
 * GET /logout?client_id=…&logout_uri=… (Cognito developer guide, "The logout
 * endpoint"): ends the hosted-UI session (the cookie), then sends the browser to
 * logout_uri, which must be one of the client's sign-out URLs exactly; anything
 * else is an error page, never a redirect. Tokens already issued stay valid until
 * revoked (/oauth2/revoke), as with Cognito.
 */
export const logout: Route = {
  method: 'GET',
  path: '/logout',
  handle({ server, url }) {
    const clientId = url.searchParams.get('client_id');
    const client = clientOf(server, clientId);
    if (!client) throw new HostedUiErrorPage('invalid_request', clientId ? `The app client ${clientId} does not exist in this user pool.` : 'The request has no client_id.');
    const logoutUri = url.searchParams.get('logout_uri');
    if (!logoutUri || !logoutUrls(server, client).includes(logoutUri)) {
      throw new HostedUiErrorPage('redirect_mismatch', `logout_uri ${logoutUri ? `"${logoutUri}" ` : ''}is not one of the sign-out URLs of app client ${client.id}.`);
    }
    return redirect(logoutUri, { 'Set-Cookie': clearSessionCookie });
  },
};

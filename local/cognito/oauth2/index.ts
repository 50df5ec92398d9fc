import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOSTED_UI_PAGES } from '../hosted-ui/index.js';
import { errorPage } from '../hosted-ui/pages.js';
import { AuthorizationRedirectError } from './authorization-request.js';
import { authorize } from './authorize.js';
import { HostedUiErrorPage, InvalidTokenError, OAuthError } from './errors.js';
import { logout } from './logout.js';
import { json, redirect, send, type Reply } from './reply.js';
import { revoke } from './revoke.js';
import type { Route } from './route.js';
import type { OAuthServer } from './server.js';
import { token } from './token.js';
import { userInfoGet, userInfoPost } from './user-info.js';

export type { OAuthServer } from './server.js';
export { createCodeStore } from './codes.js';
export { openIdConfiguration } from './discovery.js';

/** The OAuth 2.0 / OIDC endpoints of the Cognito domain. A new endpoint is a file here and one entry in this list. */
export const OAUTH2_ENDPOINTS: readonly Route[] = [authorize, token, userInfoGet, userInfoPost, revoke, logout];

/** Endpoints a single-page app calls with fetch (Amplify's code exchange): they answer CORS for the app's origins. */
const FETCHED = new Set([token.path, revoke.path, userInfoGet.path]);

const ROUTES = new Map<string, Route>([...OAUTH2_ENDPOINTS, ...HOSTED_UI_PAGES].map((r) => [`${r.method} ${r.path}`, r]));
const PATHS = new Set([...ROUTES.values()].map((r) => r.path));

/**
 * Serves the domain's endpoints and pages; false when the path is not one of
 * them. Errors become what Cognito answers: JSON `{"error"}` from the API-like
 * endpoints, a redirect to the client for authorization errors, an error page
 * when the client cannot be trusted.
 */
export async function serveOAuth(
  server: OAuthServer,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  cors: (req: IncomingMessage, res: ServerResponse) => void = () => {},
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://local');
  if (!PATHS.has(url.pathname)) return false;
  if (FETCHED.has(url.pathname)) {
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      const asked = String(req.headers['access-control-request-headers'] ?? '');
      if (/^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/.test(asked)) res.setHeader('Access-Control-Allow-Headers', asked);
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return true;
    }
  }
  const route = ROUTES.get(`${req.method} ${url.pathname}`);
  let reply: Reply;
  try {
    reply = route ? await route.handle({ server, req, url, body }) : json(405, { error: 'invalid_request', error_description: `${req.method} is not allowed on ${url.pathname}` });
  } catch (err) {
    if (err instanceof AuthorizationRedirectError) reply = redirect(err.location);
    else if (err instanceof HostedUiErrorPage) reply = errorPage(err.code, err.message);
    else if (err instanceof InvalidTokenError) {
      reply = json(401, { error: err.error, error_description: err.message }, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${err.message.replace(/"/g, "'")}"` });
    } else if (err instanceof OAuthError) reply = json(err.status, { error: err.error });
    else throw err;
  }
  send(res, reply);
  return true;
}

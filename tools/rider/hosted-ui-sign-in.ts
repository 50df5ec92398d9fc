import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { RIDER_TOOL_CALLBACK_URL, RIDER_TOOL_PORT } from '../../lib/hosted-ui-config.js';
import { CLIENT_SCOPES, RESOURCE_SERVER_ID } from '../../lib/oauth-scopes.js';
import { sameSecret } from '../../local/sigv4/verify.js';
import { ServiceError, ToolError } from '../shared/errors.js';
import { decodeClaims } from '../shared/jwt.js';
import type { Target } from '../shared/target.js';
import type { RiderSession } from './session.js';

/** Every scope the app client allows: the OIDC ones and the API's (wildrydes/rides.read, wildrydes/rides.write). */
export const HOSTED_UI_SCOPES = CLIENT_SCOPES.join(' ');

/** How long the tool waits for the browser to come back. */
const WAIT_MS = 5 * 60_000;

interface TokenAnswer {
  id_token?: string;
  access_token?: string;
  refresh_token?: string;
  error?: string;
  error_description?: string;
}

/** The pieces of one authorization request: PKCE (RFC 7636, S256) and the state that ties the answer to it. */
export function authorizationRequest(target: Target): { url: string; state: string; verifier: string } {
  if (!target.domainUrl) throw new ToolError(`The stack ${target.stackName} has no UserPoolDomainUrl output: deploy this version of the app again (it gives the user pool a domain).`);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: target.userPoolClientId,
    redirect_uri: RIDER_TOOL_CALLBACK_URL,
    scope: HOSTED_UI_SCOPES,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return { url: `${target.domainUrl}/oauth2/authorize?${query}`, state, verifier };
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;max-width:36rem;margin:4rem auto"><h1>${title}</h1><p>${text}</p></body></html>`;

async function listenLoopback(handler: Parameters<typeof createServer>[1]): Promise<Server[]> {
  // `localhost` is 127.0.0.1 or ::1 depending on the machine and the browser: listen on both, and on
  // nothing else (never 0.0.0.0: the code must not be reachable from the network).
  const servers: Server[] = [];
  for (const host of ['127.0.0.1', '::1']) {
    const server = createServer(handler);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(RIDER_TOOL_PORT, host, () => resolve());
      });
      servers.push(server);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        for (const s of servers) s.close();
        throw new ToolError(`Port ${RIDER_TOOL_PORT} of this machine is taken, and the hosted UI sends the code there (the app client's callback ${RIDER_TOOL_CALLBACK_URL}). Stop what listens on it and sign in again.`);
      }
      // No IPv6 loopback on this machine: 127.0.0.1 alone serves localhost.
      if (host === '127.0.0.1') throw err;
    }
  }
  return servers;
}

/**
 * Listens on the loopback callback (before the rider is sent to the hosted UI) for the answer to
 * `request`: `code` settles with the code once the state matches, or with a ToolError for an
 * OAuth error (the rider cancelled, the client is misconfigured) or no answer in time.
 */
export async function listenForCode(request: { state: string }, waitMs = WAIT_MS): Promise<{ code: Promise<string> }> {
  let settle!: { resolve: (code: string) => void; reject: (err: Error) => void };
  const answer = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const servers = await listenLoopback((req, res) => {
    const url = new URL(req.url ?? '/', RIDER_TOOL_CALLBACK_URL);
    if (req.method !== 'GET' || url.pathname !== new URL(RIDER_TOOL_CALLBACK_URL).pathname) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const state = url.searchParams.get('state') ?? '';
    // Another tab or site cannot finish this sign-in: only the answer to this request is taken.
    if (!sameSecret(state, request.state)) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('Not this sign-in', 'This answer is for another sign-in request. Start again from the terminal.'));
      return;
    }
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    if (error || !code) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('Not signed in', 'The hosted UI did not sign you in. The terminal says why.'));
      const description = url.searchParams.get('error_description');
      settle.reject(new ServiceError(`The hosted UI answered ${error ?? 'without a code'}${description ? `: ${description}` : ''}.`));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('Signed in', 'The rider tool has your sign-in. You can close this tab and go back to the terminal.'));
    settle.resolve(code);
  });
  const timer = setTimeout(() => settle.reject(new ToolError(`No answer from the browser in ${Math.round(waitMs / 60_000)} minutes; sign in again.`)), waitMs);
  const code = answer.finally(() => {
    clearTimeout(timer);
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
  });
  return { code };
}

/** A grant at /oauth2/token; both of ours answer with an ID and an access token, or are refused. */
async function tokenCall(target: Target, form: Record<string, string>): Promise<TokenAnswer & { id_token: string; access_token: string }> {
  let res: Response;
  try {
    res = await fetch(`${target.domainUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  } catch (err) {
    throw new ServiceError(`Cognito's token endpoint (${target.domainUrl}/oauth2/token) did not answer: ${(err as Error).message}.`);
  }
  const body = (await res.json().catch(() => ({}))) as TokenAnswer;
  if (!res.ok) throw new ServiceError(`Cognito's token endpoint refused: ${body.error ?? res.status}${body.error_description ? ` (${body.error_description})` : ''}. Sign in again with --hosted-ui.`);
  if (!body.id_token || !body.access_token) throw new ServiceError('Cognito\'s token endpoint answered without an ID or access token.');
  return { ...body, id_token: body.id_token, access_token: body.access_token };
}

/** The code grant's second half: the code and the PKCE verifier for the tokens (the client is public: no secret). */
export async function exchangeCode(target: Target, code: string, verifier: string): Promise<RiderSession> {
  const answer = await tokenCall(target, { grant_type: 'authorization_code', client_id: target.userPoolClientId, code, redirect_uri: RIDER_TOOL_CALLBACK_URL, code_verifier: verifier });
  const claims = decodeClaims(answer.id_token);
  return {
    username: String(claims['cognito:username'] ?? claims.sub),
    userPoolId: target.userPoolId,
    userPoolClientId: target.userPoolClientId,
    idToken: answer.id_token,
    accessToken: answer.access_token,
    ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
    via: 'hosted-ui',
  };
}

/** New ID and access tokens for a hosted-UI session, from /oauth2/token (they keep the scopes granted at sign-in). */
export async function refreshAtTokenEndpoint(target: Target, session: RiderSession): Promise<RiderSession> {
  const answer = await tokenCall(target, { grant_type: 'refresh_token', client_id: target.userPoolClientId, refresh_token: session.refreshToken! });
  return { ...session, idToken: answer.id_token, accessToken: answer.access_token };
}

/** The API's scopes an access token carries. */
export function apiScopesOf(accessToken: string): string[] {
  const scope = decodeClaims(accessToken).scope;
  return typeof scope === 'string' ? scope.split(' ').filter((s) => s.startsWith(`${RESOURCE_SERVER_ID}/`)) : [];
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError, InternalErrorException, RequestEntityTooLargeException, SerializationException, UnknownOperationException } from './errors.js';
import { isLoopbackAddress } from '../http/loopback.js';
import type { CognitoService } from './caller-auth.js';
import type { Input } from './params.js';
import type { Action } from './user-pool/action.js';

/**
 * Cognito's wire protocol: AWS JSON 1.1, one POST per call, the action named
 * by `X-Amz-Target: <Service>.<Action>`. Errors are HTTP 400 with `__type`
 * and `message`; internal failures are logged here and never shown.
 */
export const BODY_LIMIT_BYTES = 128 * 1024;
export const USER_POOL_TARGET = 'AWSCognitoIdentityProviderService.';
export const IDENTITY_POOL_TARGET = 'AWSCognitoIdentityService.';
const JSON_11 = 'application/x-amz-json-1.1';

export interface Routes {
  userPoolActions: Record<string, Action>;
  identityPoolActions: Record<string, Action>;
  userPoolIds: string[];
  jwks(userPoolId: string): object;
  openIdConfiguration(userPoolId: string, baseUrl: string): object;
  mailbox(): object[];
  log(line: string): void;
  /** Throws the CognitoError of an unsigned or unauthorized call to an action that needs credentials. */
  authorize(req: IncomingMessage, body: Buffer, service: CognitoService, action: string, input: Input): void;
  /** Origins browsers may call from: the app's, as a real pool is only called from the app's origins. */
  allowedOrigins(): readonly string[];
  /** The Cognito domain's hosted UI and OAuth 2.0 endpoints (oauth2/index.ts), when a pool has a domain; false when the path is not theirs. */
  oauth?: (req: IncomingMessage, res: ServerResponse, body: Buffer, cors: (req: IncomingMessage, res: ServerResponse) => void) => Promise<boolean>;
}

/** Browsers call Cognito cross-origin from the app's origins only; any other origin gets no CORS headers, so its page cannot read answers. */
function cors(req: IncomingMessage, res: ServerResponse, routes: Routes): void {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (origin === undefined || !routes.allowedOrigins().includes(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date');
}

function send(res: ServerResponse, status: number, body: unknown, contentType = JSON_11, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': randomUUID(), ...extra });
  res.end(text);
}

function sendError(res: ServerResponse, err: CognitoError): void {
  send(res, err.status, { __type: err.type, message: err.message }, JSON_11, { 'x-amzn-ErrorType': `${err.type}:` });
}

function parseBody(body: Buffer): Input {
  if (body.length > BODY_LIMIT_BYTES) throw new RequestEntityTooLargeException(`Request body is larger than ${BODY_LIMIT_BYTES} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
  } catch {
    throw new SerializationException('The request body is not valid JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SerializationException('The request body must be a JSON object.');
  return value as Input;
}

export async function handleHttp(req: IncomingMessage, res: ServerResponse, body: Buffer, routes: Routes): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://local');
  const target = String(req.headers['x-amz-target'] ?? '');

  // The Cognito domain: /oauth2/*, /login, /signup, /logout… (paths the user-pool API never uses).
  if (routes.oauth && (await routes.oauth(req, res, body, (q, r) => cors(q, r, routes)))) return true;

  if (req.method === 'OPTIONS') {
    const asked = String(req.headers['access-control-request-headers'] ?? '').toLowerCase();
    if (!asked.split(',').some((h) => h.trim() === 'x-amz-target')) return false;
    cors(req, res, routes);
    res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', asked);
    res.setHeader('Access-Control-Max-Age', '600');
    res.writeHead(204).end();
    return true;
  }

  // The local-only routes (the mailbox: codes that take over accounts) answer this machine only, whatever --host says.
  if (url.pathname.startsWith('/_local/') && !isLoopbackAddress(req.socket.remoteAddress)) {
    send(res, 403, { message: 'The local routes answer only clients on this machine (loopback).' }, 'application/json');
    return true;
  }

  if (req.method === 'GET') {
    if (url.pathname === '/_local/mailbox') {
      cors(req, res, routes);
      send(res, 200, routes.mailbox(), 'application/json');
      return true;
    }
    const m = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(url.pathname);
    if (!m || !routes.userPoolIds.includes(m[1]!)) return false;
    cors(req, res, routes);
    const base = `http://${req.headers.host ?? '127.0.0.1'}`;
    send(res, 200, m[2] === 'jwks.json' ? routes.jwks(m[1]!) : routes.openIdConfiguration(m[1]!, base), 'application/json');
    return true;
  }

  const service = target.startsWith(USER_POOL_TARGET) ? routes.userPoolActions : target.startsWith(IDENTITY_POOL_TARGET) ? routes.identityPoolActions : undefined;
  if (req.method !== 'POST' || !service) return false;
  cors(req, res, routes);
  const actionName = target.slice(target.indexOf('.') + 1);
  try {
    const action = Object.hasOwn(service, actionName) ? service[actionName] : undefined;
    if (!action) throw new UnknownOperationException(`Unknown operation ${actionName}`);
    const input = parseBody(body);
    routes.authorize(req, body, service === routes.userPoolActions ? 'cognito-idp' : 'cognito-identity', actionName, input);
    const output = await action(input);
    send(res, 200, output);
  } catch (err) {
    if (err instanceof CognitoError) {
      sendError(res, err);
    } else {
      routes.log(`[cognito] ${actionName} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendError(res, new InternalErrorException('An internal error occurred.'));
    }
  }
  return true;
}

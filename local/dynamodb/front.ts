import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBodyUpTo } from '../http/body.js';
import { rawRequestOf } from '../http/raw-request.js';
import type { CallerLookup } from '../callers.js';
import { SigV4Error, verifySigV4 } from '../sigv4/index.js';
import type { LocalStack } from '../template/index.js';
import { authorizeDynamoCall } from './authorize.js';
import { fromSigV4, sendAuthError, sendJson } from './errors.js';

/** DynamoDB's request size limit (16 MB), as dynalite applies it; larger bodies get 413 without being kept. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export interface DynamoFrontOptions {
  stack: LocalStack;
  lookup: CallerLookup;
  /** dynalite's private Unix socket. */
  socketPath: string;
  log: (line: string) => void;
}

/**
 * The DynamoDB endpoint clients see: every call must carry a valid SigV4
 * signature (service `dynamodb`, the stack's region) from a known caller, and a
 * role session must be allowed the operation by its role's policies; only then
 * is the request handed to dynalite, unchanged, over a Unix socket in a private
 * folder. dynalite has no TCP port at all, so neither the network nor a page in
 * a browser can reach it around this check; a socket rather than calling
 * dynalite's listener in-process keeps dynalite's own request handling and
 * shutdown (it closes its LevelDB only when its server closes) as they are.
 * CORS preflights and the `GET /` health check are unsigned, as on the real
 * endpoint.
 */
export function createDynamoFront(options: DynamoFrontOptions) {
  const agent = new Agent({ keepAlive: true });

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const headers = { ...req.headers, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const upstream = httpRequest({ socketPath: options.socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => {
      options.log(`dynamodb: dynalite did not answer: ${err.message}`);
      if (!res.headersSent) sendJson(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' });
      else res.destroy();
    });
    upstream.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    if (req.method === 'OPTIONS' || req.method === 'GET') return forward(req, res, body);
    let caller;
    try {
      caller = verifySigV4({
        request: rawRequestOf(req, body),
        region: options.stack.region,
        service: 'dynamodb',
        now: new Date(),
        lookup: options.lookup,
      }).identity;
    } catch (err) {
      if (err instanceof SigV4Error) return sendAuthError(res, fromSigV4(err));
      throw err;
    }
    const refused = authorizeDynamoCall(options.stack, caller, req.headers['x-amz-target'] as string | undefined, body);
    if (refused) return sendAuthError(res, refused);
    forward(req, res, body);
  };

  /** Reads the whole body through a promise, so safeListener (server.ts) sees anything that fails. */
  const listener = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBodyUpTo(req, MAX_REQUEST_BYTES);
    if (body.length > MAX_REQUEST_BYTES) {
      res.writeHead(413, { 'Content-Length': 0 });
      res.end();
      return;
    }
    handle(req, res, body);
  };

  return { listener, close: () => agent.destroy() };
}

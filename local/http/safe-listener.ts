import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { InternalErrorAnswer } from './internal-error.js';

/** A request handler as the services write them: it may answer synchronously or through a promise. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<unknown>;

export interface SafeListenerOptions {
  /** Names the service in log lines (`api`, `cognito`, `website`, `dynamodb`). */
  service: string;
  /** What this service answers for a failure of its own (see internal-error.ts). */
  internalError: InternalErrorAnswer;
  log: (line: string) => void;
}

const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

/**
 * The last line of defence of every local server: whatever a handler throws,
 * synchronously or as a rejected promise, ends as a 500 for that one request
 * (in the service's own error shape), logged with a request id, and never
 * reaches the process. When the answer had already started, the 500 cannot be
 * sent any more, so that one connection is cut instead.
 *
 * Errors a handler throws from inside its own event callbacks (`req.on(...)`)
 * run outside any call the wrapper can watch; services read bodies through a
 * promise (body.ts) so their whole work stays inside the returned promise.
 */
export function safeListener(handler: Handler, options: SafeListenerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown) => {
    const requestId = randomUUID();
    // The URL is the client's; cut it so a huge one cannot flood the log.
    options.log(`${options.service} ${requestId} ${req.method ?? '?'} ${(req.url ?? '').slice(0, 200)}: internal error: ${describe(err)}`);
    try {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      const { status, contentType, body, headers } = options.internalError;
      res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': requestId });
      res.end(body);
    } catch (second) {
      options.log(`${options.service} ${requestId}: could not answer the 500 (${describe(second)}); closing the connection`);
      res.destroy();
    }
  };

  return (req, res) => {
    let result: void | Promise<unknown>;
    try {
      result = handler(req, res);
    } catch (err) {
      fail(req, res, err);
      return;
    }
    if (result && typeof result.then === 'function') result.then(undefined, (err: unknown) => fail(req, res, err));
  };
}

/** Node's own answers to a request it could not parse (its default `clientError` behaviour). */
function clientErrorStatus(code: string | undefined): string {
  if (code === 'HPE_HEADER_OVERFLOW') return '431 Request Header Fields Too Large';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return '408 Request Timeout';
  return '400 Bad Request';
}

/**
 * Serves `handler` on `server` through safeListener, and answers a malformed
 * request (bad request line, oversized headers, a socket error before a request
 * was read) the way Node does by default: a bare 400/408/431 and the connection
 * closed. Registering the handler here makes it one error policy for all four services.
 */
export function serveSafely(server: Server, handler: Handler, options: SafeListenerOptions): Server {
  server.on('request', safeListener(handler, options));
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(`HTTP/1.1 ${clientErrorStatus(err.code)}\r\nConnection: close\r\n\r\n`);
  });
  return server;
}

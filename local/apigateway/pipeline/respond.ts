import type { ServerResponse } from 'node:http';
import type { GatewayAnswer } from '../mock-integration.js';

/** Sends an answer with API Gateway's request id; a connection already gone gets nothing. */
export function respond(res: ServerResponse, answer: GatewayAnswer, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  // writeHead checks every header name and value (a function may return one Node will not send): it throws before sending anything.
  res.writeHead(answer.statusCode, { ...answer.headers, 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { GatewayAnswer } from '../mock-integration.js';

/**
 * Sends an answer with API Gateway's two request ids: `x-amzn-RequestId`
 * ($context.requestId, a UUID) and `x-amz-apigw-id` ($context.extendedRequestId,
 * "a unique ID that API Gateway generates … An API caller can't provide or
 * override": developer guide, "Set up CloudWatch logging for REST APIs"); real
 * values look like `Hx4r8FOxIAMFZ1w=`. A connection already gone gets nothing.
 */
export function respond(res: ServerResponse, answer: GatewayAnswer, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  // writeHead checks every header name and value (a function may return one Node will not send): it throws before sending anything.
  res.writeHead(answer.statusCode, { ...answer.headers, 'x-amzn-RequestId': requestId, 'x-amz-apigw-id': randomBytes(11).toString('base64'), 'Content-Length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

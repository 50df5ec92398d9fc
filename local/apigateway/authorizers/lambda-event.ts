import { buildProxyEvent, type IncomingRequest } from '../event.js';
import type { RouteMatch } from '../router.js';

/**
 * The events API Gateway sends a Lambda authorizer (developer guide, "Input to
 * an API Gateway Lambda authorizer"):
 * - TOKEN: `{ type: 'TOKEN', authorizationToken, methodArn }`, the token being
 *   the identity-source header's value as sent;
 * - REQUEST: the method request as a proxy event has it (headers, query,
 *   path parameters, stage variables, request context), without the body,
 *   plus `type: 'REQUEST'` and `methodArn`.
 */
export function tokenEvent(authorizationToken: string, methodArn: string) {
  return { type: 'TOKEN' as const, authorizationToken, methodArn };
}

export function requestEvent(request: IncomingRequest, match: RouteMatch, methodArn: string, ctx: { apiId: string; accountId: string; requestId: string; now: Date }) {
  const { body: _body, isBase64Encoded: _encoded, ...rest } = buildProxyEvent(request, match, ctx);
  return { type: 'REQUEST' as const, methodArn, ...rest };
}

import { mappedHeaders, type MappingSource } from './mapping.js';
import type { GatewayAnswer } from './mock-integration.js';
import type { Rejection } from './gateway-errors.js';
import type { ApiModel } from './model.js';

export type { Rejection } from './gateway-errors.js';

function renderTemplate(template: string, rejection: Rejection, requestId: string): string {
  return template
    .replace(/\$\{?context\.error\.messageString\}?/g, JSON.stringify(rejection.message))
    .replace(/\$\{?context\.error\.message\}?/g, rejection.message)
    .replace(/\$\{?context\.error\.responseType\}?/g, rejection.responseType)
    .replace(/\$\{?context\.requestId\}?/g, requestId);
}

/**
 * API Gateway's answer to a request it refuses, shaped by the template's
 * gateway responses: a specific type first, then DEFAULT_4XX / DEFAULT_5XX,
 * then the built-in default. This is where the CORS headers of a 401/403 come from.
 */
export function renderRejection(api: ApiModel, rejection: Rejection, source: MappingSource, requestId: string): GatewayAnswer {
  // The type's default status (gateway-errors.ts), or the error's own for DEFAULT_4XX/5XX.
  const defaultStatus = rejection.statusCode;
  const family = api.gatewayResponses.get(defaultStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
  const specific = api.gatewayResponses.get(rejection.responseType);
  const statusCode = specific?.statusCode ?? family?.statusCode ?? defaultStatus;
  const headers = {
    ...mappedHeaders(family?.responseParameters ?? {}, 'gatewayresponse.header.', source),
    ...mappedHeaders(specific?.responseParameters ?? {}, 'gatewayresponse.header.', source),
  };
  const template = specific?.responseTemplates['application/json'] ?? family?.responseTemplates['application/json'];
  const body =
    template !== undefined
      ? renderTemplate(template, rejection, requestId)
      : (rejection.builtInBody ?? `{"message":${JSON.stringify(rejection.message)}}`);
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': rejection.errorType, ...headers },
    body,
  };
}

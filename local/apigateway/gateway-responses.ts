import { mappedHeaders, type MappingSource } from './mapping.js';
import type { GatewayAnswer } from './mock-integration.js';
import type { ApiModel } from './model.js';

/** Default status of each gateway response type (AWS "Gateway response types"). */
const DEFAULT_STATUS: Record<string, number> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

export interface Rejection {
  responseType: string;
  /** The status of the error itself, where the type does not fix one (DEFAULT_5XX for a bad Lambda answer is 502). */
  statusCode?: number;
  message: string;
  /** `x-amzn-ErrorType`. */
  errorType: string;
  /** A body API Gateway sends instead of its default template (the IAM denial's `{"Message": ...}`). */
  builtInBody?: string;
}

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
  const defaultStatus = DEFAULT_STATUS[rejection.responseType] ?? rejection.statusCode ?? 500;
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

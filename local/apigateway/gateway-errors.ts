/**
 * Every refusal API Gateway answers itself, one class per gateway response
 * type, all rendered by `renderRejection` (gateway-responses.ts) through the
 * template's gateway responses. A pipeline step refuses a request by throwing
 * one of these; any other error is a fault of the local cloud (a 500).
 */

/**
 * Default status of each gateway response type, from the API Gateway developer
 * guide, "Gateway response types for API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 * DEFAULT_4XX and DEFAULT_5XX have none ("Null"): an error of those types
 * carries its own status.
 */
export const DEFAULT_STATUS = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  DEFAULT_4XX: null,
  DEFAULT_5XX: null,
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
} as const satisfies Record<string, number | null>;

export type GatewayResponseType = keyof typeof DEFAULT_STATUS;

/** What rendering a refusal needs; `GatewayResponseError` is the one implementation. */
export interface Rejection {
  readonly responseType: GatewayResponseType;
  readonly statusCode: number;
  readonly message: string;
  /** `x-amzn-ErrorType`. */
  readonly errorType: string;
  /** A body API Gateway sends instead of its default template (the IAM denial's `{"Message": ...}`). */
  readonly builtInBody?: string;
}

export interface GatewayResponseInit {
  responseType: GatewayResponseType;
  message: string;
  errorType: string;
  /** Only for DEFAULT_4XX / DEFAULT_5XX, whose status the type does not fix. */
  statusCode?: number;
  builtInBody?: string;
}

/** The one base of every refusal. Its status is the type's default; DEFAULT_4XX/5XX bring their own. */
export class GatewayResponseError extends Error implements Rejection {
  override name = 'GatewayResponseError';
  readonly responseType: GatewayResponseType;
  readonly statusCode: number;
  readonly errorType: string;
  readonly builtInBody?: string;
  /**
   * Why, in plain words, for the local decision trace (trace/): never sent to
   * the client, whose answer stays API Gateway's bare one.
   */
  reason?: string;

  constructor(init: GatewayResponseInit) {
    super(init.message);
    this.responseType = init.responseType;
    this.statusCode = DEFAULT_STATUS[init.responseType] ?? init.statusCode ?? (init.responseType === 'DEFAULT_4XX' ? 400 : 500);
    this.errorType = init.errorType;
    if (init.builtInBody !== undefined) this.builtInBody = init.builtInBody;
  }

  /** Sets the plain-words reason of the local trace; returns the error, to throw. */
  because(reason: string): this {
    this.reason = reason;
    return this;
  }
}

/** Cognito authorizer: no, bad or expired token (401 `Unauthorized` / `The incoming token has expired`). */
export class UnauthorizedError extends GatewayResponseError {
  override name = 'UnauthorizedError';
  constructor(message = 'Unauthorized') {
    super({ responseType: 'UNAUTHORIZED', message, errorType: 'UnauthorizedException' });
  }
}

/** An identity policy (or, later, an authorizer's policy) that does not allow the call. */
export class AccessDeniedError extends GatewayResponseError {
  override name = 'AccessDeniedError';
  constructor(message: string, builtInBody?: string) {
    super({ responseType: 'ACCESS_DENIED', message, errorType: 'AccessDeniedException', ...(builtInBody !== undefined ? { builtInBody } : {}) });
  }
}

/** No such stage, resource or method, or AWS_IAM without any signature: 403, as API Gateway answers both. */
export class MissingAuthenticationTokenError extends GatewayResponseError {
  override name = 'MissingAuthenticationTokenError';
  constructor(message = 'Missing Authentication Token') {
    super({ responseType: 'MISSING_AUTHENTICATION_TOKEN', message, errorType: 'MissingAuthenticationTokenException' });
  }
}

/**
 * Stage or method throttling (and, later, a usage plan's rate): 429
 * `{"message":"Too Many Requests"}` with `x-amzn-ErrorType: TooManyRequestsException`,
 * as APIs behind API Gateway are seen answering when throttled.
 */
export class ThrottledError extends GatewayResponseError {
  override name = 'ThrottledError';
  constructor() {
    super({ responseType: 'THROTTLED', message: 'Too Many Requests', errorType: 'TooManyRequestsException' });
  }
}

/**
 * A usage plan's quota used up: 429 `{"message":"Limit Exceeded"}`
 * (pipeline/api-key.ts), with `x-amzn-ErrorType: LimitExceededException` as a live
 * API over its quota answered (massif-press/compcon#2237, a 429 with that header).
 */
export class QuotaExceededError extends GatewayResponseError {
  override name = 'QuotaExceededError';
  constructor() {
    super({ responseType: 'QUOTA_EXCEEDED', message: 'Limit Exceeded', errorType: 'LimitExceededException' });
  }
}

/**
 * A method that requires an API key, called without one, with one that is no
 * key of the API, disabled, or in no usage plan of the stage: 403
 * `{"message":"Forbidden"}` (pipeline/api-key.ts). API Gateway answers all of
 * these alike; its INVALID_API_KEY gateway response type.
 */
export class InvalidApiKeyError extends GatewayResponseError {
  override name = 'InvalidApiKeyError';
  constructor() {
    super({ responseType: 'INVALID_API_KEY', message: 'Forbidden', errorType: 'ForbiddenException' });
  }
}

/**
 * AWS WAF blocked the request (a rule with a Block action, or the web ACL's
 * default action): API Gateway answers with its WAF_FILTERED gateway
 * response, 403 `{"message":"Forbidden"}` by default.
 */
export class WafFilteredError extends GatewayResponseError {
  override name = 'WafFilteredError';
  constructor() {
    super({ responseType: 'WAF_FILTERED', message: 'Forbidden', errorType: 'ForbiddenException' });
  }
}

/**
 * The API's resource policy refused the call: ACCESS_DENIED with API Gateway's
 * own body, `{"Message":"User: anonymous is not authorized to perform:
 * execute-api:Invoke on resource: arn:aws:execute-api:REGION:********1234:ID/STAGE/VERB/PATH"}`
 * (the account masked but for its last four digits), and ` with an explicit
 * deny` when a Deny statement applied: the answer quoted in
 * serverless/serverless#5071 and #11808.
 */
export class ResourcePolicyDeniedError extends AccessDeniedError {
  override name = 'ResourcePolicyDeniedError';
  constructor(principal: string, maskedResourceArn: string, explicit: boolean) {
    const message = `User: ${principal} is not authorized to perform: execute-api:Invoke on resource: ${maskedResourceArn}${explicit ? ' with an explicit deny' : ''}`;
    super(message, JSON.stringify({ Message: message }));
  }
}

/** A body over the REST API payload limit (10 MB). */
export class RequestTooLargeError extends GatewayResponseError {
  override name = 'RequestTooLargeError';
  constructor() {
    super({ responseType: 'REQUEST_TOO_LARGE', message: 'Request Too Long', errorType: 'RequestTooLargeException' });
  }
}

/** The integration's own limit (29 s or `TimeoutInMillis`) passed before the function answered: 504. */
export class IntegrationTimeoutError extends GatewayResponseError {
  override name = 'IntegrationTimeoutError';
  constructor() {
    super({ responseType: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out', errorType: 'InternalServerErrorException' });
  }
}

/**
 * The function failed (threw, timed out on its own, or its environment died) or
 * answered something that is not a proxy response: API Gateway's 502
 * `Internal server error`, through DEFAULT_5XX.
 */
/** Lambda refused an event over its 6 MB synchronous limit: API Gateway's 413, typed BadRequestException. */
export class PayloadTooLargeForLambdaError extends GatewayResponseError {
  override name = 'PayloadTooLargeForLambdaError';
  constructor() {
    super({ responseType: 'REQUEST_TOO_LARGE', message: 'Request Too Long', errorType: 'BadRequestException' });
  }
}

export class LambdaResponseError extends GatewayResponseError {
  override name = 'LambdaResponseError';
  constructor() {
    super({ responseType: 'DEFAULT_5XX', statusCode: 502, message: 'Internal server error', errorType: 'InternalServerErrorException' });
  }
}

/** A fault of the local cloud itself: the client gets API Gateway's generic 500, the developer the log line. */
export class InternalServerError extends GatewayResponseError {
  override name = 'InternalServerError';
  constructor() {
    super({ responseType: 'DEFAULT_5XX', statusCode: 500, message: 'Internal server error', errorType: 'InternalServerErrorException' });
  }
}

/**
 * A Lambda authorizer that failed: API Gateway answers 500 with the body
 * `{"message": null}` (its message is null, not a string), as captured in
 * serverless/serverless#829, serverless/examples#305, aws/aws-lambda-go#81 and
 * auth0-samples/jwt-rsa-aws-custom-authorizer#6, with
 * `x-amzn-ErrorType: AuthorizerConfigurationException` when the function threw
 * (any message but "Unauthorized") or answered something that is not an
 * authorizer answer ("Could not parse policy"). AUTHORIZER_FAILURE is for an
 * authorizer that could not be reached (no answer in time, Lambda refused the
 * call): the same 500 `{"message": null}` (dev.to/marcogrcr "API Gateway +
 * Lambda authorizer + Lambda proxy integration failure modes",
 * AUTHORIZER_APIGW_TIMEOUT); its `x-amzn-ErrorType` is not confirmed against a
 * live answer.
 */
const NULL_MESSAGE_BODY = '{"message":null}';

export class AuthorizerFailureError extends GatewayResponseError {
  override name = 'AuthorizerFailureError';
  constructor() {
    super({ responseType: 'AUTHORIZER_FAILURE', message: 'null', errorType: 'AuthorizerFailureException', builtInBody: NULL_MESSAGE_BODY });
  }
}

export class AuthorizerConfigurationError extends GatewayResponseError {
  override name = 'AuthorizerConfigurationError';
  constructor() {
    super({ responseType: 'AUTHORIZER_CONFIGURATION_ERROR', message: 'null', errorType: 'AuthorizerConfigurationException', builtInBody: NULL_MESSAGE_BODY });
  }
}

import { describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  DEFAULT_STATUS,
  GatewayResponseError,
  IntegrationTimeoutError,
  InternalServerError,
  InvalidApiKeyError,
  LambdaResponseError,
  MissingAuthenticationTokenError,
  QuotaExceededError,
  renderRejection,
  RequestTooLargeError,
  ThrottledError,
  UnauthorizedError,
  buildApiModels,
} from '../../../local/apigateway/index.js';
import { handMadeApi, handMadeStack } from './support/hand-made-api.js';

/** One class per gateway response type, rendered through the template's gateway responses. */
describe('gateway response errors', () => {
  it('carry the type, the default status of the type (AWS "Gateway response types"), the message and x-amzn-ErrorType', () => {
    const cases: [GatewayResponseError, string, number, string, string][] = [
      [new UnauthorizedError(), 'UNAUTHORIZED', 401, 'Unauthorized', 'UnauthorizedException'],
      [new UnauthorizedError('The incoming token has expired'), 'UNAUTHORIZED', 401, 'The incoming token has expired', 'UnauthorizedException'],
      [new AccessDeniedError('no'), 'ACCESS_DENIED', 403, 'no', 'AccessDeniedException'],
      [new MissingAuthenticationTokenError(), 'MISSING_AUTHENTICATION_TOKEN', 403, 'Missing Authentication Token', 'MissingAuthenticationTokenException'],
      [new ThrottledError(), 'THROTTLED', 429, 'Too Many Requests', 'TooManyRequestsException'],
      [new QuotaExceededError(), 'QUOTA_EXCEEDED', 429, 'Limit Exceeded', 'LimitExceededException'],
      [new InvalidApiKeyError(), 'INVALID_API_KEY', 403, 'Forbidden', 'ForbiddenException'],
      [new RequestTooLargeError(), 'REQUEST_TOO_LARGE', 413, 'Request Too Long', 'RequestTooLargeException'],
      [new IntegrationTimeoutError(), 'INTEGRATION_TIMEOUT', 504, 'Endpoint request timed out', 'InternalServerErrorException'],
      [new LambdaResponseError(), 'DEFAULT_5XX', 502, 'Internal server error', 'InternalServerErrorException'],
      [new InternalServerError(), 'DEFAULT_5XX', 500, 'Internal server error', 'InternalServerErrorException'],
    ];
    for (const [error, responseType, statusCode, message, errorType] of cases) {
      expect(error).toBeInstanceOf(GatewayResponseError);
      expect(error).toMatchObject({ responseType, statusCode, message, errorType });
    }
  });

  it('take the status of the type over one given, except for DEFAULT_4XX / DEFAULT_5XX', () => {
    expect(new GatewayResponseError({ responseType: 'EXPIRED_TOKEN', statusCode: 400, message: 'm', errorType: 'e' }).statusCode).toBe(DEFAULT_STATUS.EXPIRED_TOKEN);
    expect(new GatewayResponseError({ responseType: 'DEFAULT_4XX', statusCode: 403, message: 'm', errorType: 'e' }).statusCode).toBe(403);
  });
});

describe('renderRejection', () => {
  const template = handMadeApi([{ path: 'ride' }], {
    Default4xx: {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: { RestApiId: { Ref: 'Api' }, ResponseType: 'DEFAULT_4XX', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.origin' } },
    },
    Throttled: {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: { RestApiId: { Ref: 'Api' }, ResponseType: 'THROTTLED', StatusCode: '503', ResponseTemplates: { 'application/json': '{"slow":$context.error.messageString,"id":"$context.requestId"}' } },
    },
  });
  const api = buildApiModels(handMadeStack(template))[0]!;
  const source = { headers: { origin: 'https://rides.example' }, query: {}, pathParameters: {} };

  it('uses the specific type first, then its family (DEFAULT_4XX) for headers, then the built-in body', () => {
    const throttled = renderRejection(api, new ThrottledError(), source, 'req-1');
    expect(throttled).toEqual({
      statusCode: 503,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException', 'Access-Control-Allow-Origin': 'https://rides.example' },
      body: '{"slow":"Too Many Requests","id":"req-1"}',
    });
    const unauthorized = renderRejection(api, new UnauthorizedError(), source, 'req-2');
    expect(unauthorized).toMatchObject({ statusCode: 401, body: '{"message":"Unauthorized"}', headers: { 'Access-Control-Allow-Origin': 'https://rides.example' } });
    const denied = renderRejection(api, new AccessDeniedError('no', '{"Message":"no"}'), source, 'req-3');
    expect(denied.body).toBe('{"Message":"no"}');
    const failed = renderRejection(api, new LambdaResponseError(), source, 'req-4');
    expect(failed).toEqual({ statusCode: 502, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'InternalServerErrorException' }, body: '{"message":"Internal server error"}' });
  });
});

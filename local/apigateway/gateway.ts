import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionInvoker } from '../lambda/invoke.js';
import type { LocalStack } from '../template/index.js';
import { claimsForEvent, createCognitoAuthorizer, type CognitoDecision } from './cognito-authorizer.js';
import { buildProxyEvent, queryParameters, type IncomingRequest } from './event.js';
import { renderRejection, type Rejection } from './gateway-responses.js';
import { authorizeIam, executeApiArn } from './iam-authorizer.js';
import type { IdentityProvider, IssuedCredentials } from './identity-provider.js';
import type { MappingSource } from './mapping.js';
import { answerMock, type GatewayAnswer } from './mock-integration.js';
import type { ApiModel, MethodModel } from './model.js';
import { MalformedProxyResponseError, parseProxyResult } from './proxy-response.js';
import { route } from './router.js';

export interface GatewayOptions {
  stack: LocalStack;
  api: ApiModel;
  provider: IdentityProvider;
  invoker: FunctionInvoker;
  log?: (line: string) => void;
  now?: () => number;
}

/** API Gateway's payload limit for REST APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const INTERNAL_ERROR: Omit<Rejection, 'statusCode'> = {
  responseType: 'DEFAULT_5XX',
  message: 'Internal server error',
  errorType: 'InternalServerErrorException',
};

const MISSING_TOKEN: Rejection = {
  responseType: 'MISSING_AUTHENTICATION_TOKEN',
  message: 'Missing Authentication Token',
  errorType: 'MissingAuthenticationTokenException',
};

export class RequestTooLargeError extends Error {
  override name = 'RequestTooLargeError';
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RequestTooLargeError(`body larger than ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The local API Gateway for one REST API of the template: routes to the
 * template's methods, runs their authorizers, answers every refusal as
 * API Gateway does (through the template's gateway responses) and never
 * invokes a function for a request that was refused.
 */
export function createGateway(options: GatewayOptions) {
  const { stack, api, provider, invoker } = options;
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const cognitoAuthorizers = new Map<MethodModel, (header: string | undefined) => Promise<CognitoDecision>>();
  const cognitoFor = (method: MethodModel) => {
    let authorize = cognitoAuthorizers.get(method);
    if (!authorize) {
      authorize = createCognitoAuthorizer(method.authorizer!, provider, method.authorizationScopes);
      cognitoAuthorizers.set(method, authorize);
    }
    return authorize;
  };

  async function answer(request: IncomingRequest, source: MappingSource, requestId: string): Promise<GatewayAnswer> {
    const reject = (rejection: Rejection) => renderRejection(api, rejection, source, requestId);
    const routed = route(api, request.rawPath, request.method);
    if (!routed.found) return reject(MISSING_TOKEN);
    const { match } = routed;
    const { method } = match;
    const at = new Date(now());

    let claims: Record<string, string> | undefined;
    let credentials: IssuedCredentials | undefined;
    let roleLogicalId: string | undefined;
    if (method.authorizationType === 'COGNITO_USER_POOLS') {
      const decision = await cognitoFor(method)(source.headers[method.authorizer!.identityHeader]);
      if (!decision.ok) return reject({ responseType: 'UNAUTHORIZED', message: decision.message, errorType: 'UnauthorizedException' });
      claims = claimsForEvent(decision.claims);
    } else if (method.authorizationType === 'AWS_IAM') {
      const resourceArn = executeApiArn(stack, api.id, match.stage.name, method.httpMethod === 'ANY' ? request.method.toUpperCase() : method.httpMethod, match.path);
      const decision = authorizeIam({ stack, provider, request, now: at, resourceArn });
      if (!decision.ok) return reject(decision.rejection);
      ({ credentials, roleLogicalId } = decision);
    }

    if (method.integration.type === 'MOCK') return answerMock(method.integration.responses, source);

    const event = buildProxyEvent(request, match, {
      apiId: api.id,
      accountId: stack.accountId,
      requestId,
      now: at,
      ...(claims ? { claims } : {}),
      ...(credentials ? { credentials, caller: `${roleLogicalId ? stack.attribute(roleLogicalId, 'RoleId') : 'AROAUNKNOWN'}:CognitoIdentityCredentials` } : {}),
    });
    const integrationTimeoutMs = method.integration.timeoutMs;
    const outcome = await invoker.invoke(method.integration.functionLogicalId, event, { requestId, timeoutMs: integrationTimeoutMs });
    if (outcome.kind === 'timeout') {
      log(`API ${requestId} ${request.method} ${request.rawPath}: the integration took longer than ${integrationTimeoutMs} ms`);
      return reject({ responseType: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out', errorType: 'InternalServerErrorException' });
    }
    if (outcome.kind === 'refused') {
      // Lambda refused the Invoke call (an event over its 6 MB limit: 413 RequestEntityTooLargeException).
      // API Gateway then answers 413 {"message": "Request Too Long"} with x-amzn-ErrorType BadRequestException
      // (a captured answer in koki-develop/lgtm-generator#10); no other refusal is produced locally.
      log(`API ${requestId} ${request.method} ${request.rawPath}: Lambda refused the invocation (${outcome.statusCode} ${outcome.errorType}: ${outcome.errorMessage})`);
      if (outcome.statusCode === 413) return reject({ responseType: 'REQUEST_TOO_LARGE', message: 'Request Too Long', errorType: 'BadRequestException' });
      return reject({ ...INTERNAL_ERROR, statusCode: 500 });
    }
    if (outcome.kind === 'error') {
      log(`API ${requestId} ${request.method} ${request.rawPath}: the function failed (${outcome.errorType}: ${outcome.errorMessage}); answering 502`);
      return reject({ ...INTERNAL_ERROR, statusCode: 502 });
    }
    try {
      const result = parseProxyResult(outcome.payload);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.multiValueHeaders)) headers[k] = v.join(', ');
      Object.assign(headers, result.headers);
      if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
      return { statusCode: result.statusCode, headers, body: result.body.toString('utf8') };
    } catch (err) {
      if (!(err instanceof MalformedProxyResponseError)) throw err;
      log(`API ${requestId} ${request.method} ${request.rawPath}: malformed Lambda proxy response: ${err.message}; answering 502`);
      return reject({ ...INTERNAL_ERROR, statusCode: 502 });
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawHeaders = req.rawHeaders;
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const source: MappingSource = { headers, query: queryParameters(rawQuery).single, pathParameters: {} };
    let result: GatewayAnswer;
    try {
      const body = await readBody(req);
      const request: IncomingRequest = {
        method: req.method ?? 'GET',
        rawPath: q === -1 ? url : url.slice(0, q),
        rawQuery,
        rawHeaders,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        protocol: `HTTP/${req.httpVersion}`,
      };
      result = await answer(request, source, requestId);
    } catch (err) {
      if (err instanceof RequestTooLargeError) {
        result = renderRejection(api, { responseType: 'REQUEST_TOO_LARGE', message: 'Request Too Long', errorType: 'RequestTooLargeException' }, source, requestId);
      } else {
        // A fault of the local cloud itself: the client gets API Gateway's generic answer, the developer the details.
        log(`API ${requestId}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        result = renderRejection(api, { ...INTERNAL_ERROR, statusCode: 500 }, source, requestId);
      }
    }
    if (res.headersSent || res.destroyed) return;
    res.writeHead(result.statusCode, { ...result.headers, 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(result.body) });
    res.end(result.body);
  };
}

import { randomUUID } from 'node:crypto';
import { requestKeyed } from '../http/request-keyed.js';
import { MONTH_NAMES, twoDigits } from '../time-names.js';
import type { IssuedCredentials } from './identity-provider.js';
import type { RouteMatch } from './router.js';

export interface IncomingRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  protocol: string;
}

export interface EventContext {
  apiId: string;
  accountId: string;
  requestId: string;
  now: Date;
  claims?: Record<string, string>;
  /** A Lambda authorizer's principal, context and latency: `requestContext.authorizer`. */
  principalId?: string;
  authorizerContext?: Record<string, string | number | boolean>;
  authorizerLatency?: number;
  credentials?: IssuedCredentials;
  /** `<role id>:CognitoIdentityCredentials`, what `identity.caller` and `identity.user` hold for an assumed role. */
  caller?: string;
}

/** `21/Nov/2026:23:33:11 +0000`, the CLF date of `requestContext.requestTime`. */
function requestTime(now: Date): string {
  const p = twoDigits;
  return `${p(now.getUTCDate())}/${MONTH_NAMES[now.getUTCMonth()]}/${now.getUTCFullYear()}:${p(now.getUTCHours())}:${p(now.getUTCMinutes())}:${p(now.getUTCSeconds())} +0000`;
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Query parameters, single-valued (last wins, as API Gateway does) and multi-valued. */
export function queryParameters(rawQuery: string): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single = requestKeyed<string>();
  const multi = requestKeyed<string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeQueryPart(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryPart(part.slice(eq + 1));
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
}

/** Headers with their case as sent: last value per name, and every value per name. */
export function headerMaps(rawHeaders: string[]): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single = requestKeyed<string>();
  const multi = requestKeyed<string[]>();
  const nameOf = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const lower = rawHeaders[i]!.toLowerCase();
    const name = nameOf.get(lower) ?? rawHeaders[i]!;
    nameOf.set(lower, name);
    single[name] = rawHeaders[i + 1]!;
    (multi[name] ??= []).push(rawHeaders[i + 1]!);
  }
  return { single, multi };
}

/** The Lambda proxy (payload 1.0) event API Gateway sends for a REST API request. */
export function buildProxyEvent(request: IncomingRequest, match: RouteMatch, ctx: EventContext) {
  const headers = headerMaps(request.rawHeaders);
  const query = queryParameters(request.rawQuery);
  const lower = (name: string) => Object.entries(headers.single).find(([k]) => k.toLowerCase() === name)?.[1];
  const host = lower('host') ?? '';
  const hasQuery = Object.keys(query.single).length > 0;
  const hasPath = Object.keys(match.pathParameters).length > 0;
  const hasStageVars = Object.keys(match.stage.variables).length > 0;
  const credentials = ctx.credentials;
  const callerId = ctx.caller ?? null;

  return {
    resource: match.resource.path,
    path: match.path,
    httpMethod: request.method.toUpperCase(),
    headers: request.rawHeaders.length > 0 ? headers.single : null,
    multiValueHeaders: request.rawHeaders.length > 0 ? headers.multi : null,
    queryStringParameters: hasQuery ? query.single : null,
    multiValueQueryStringParameters: hasQuery ? query.multi : null,
    pathParameters: hasPath ? match.pathParameters : null,
    stageVariables: hasStageVars ? match.stage.variables : null,
    requestContext: {
      resourceId: match.resource.id,
      resourcePath: match.resource.path,
      httpMethod: request.method.toUpperCase(),
      extendedRequestId: randomUUID().replace(/-/g, '').slice(0, 16),
      requestTime: requestTime(ctx.now),
      path: `/${match.stage.name}${match.path === '/' ? '/' : match.path}`,
      accountId: ctx.accountId,
      protocol: request.protocol,
      stage: match.stage.name,
      domainPrefix: host.split('.')[0]?.split(':')[0] ?? '',
      requestTimeEpoch: ctx.now.getTime(),
      requestId: ctx.requestId,
      identity: {
        cognitoIdentityPoolId: credentials?.identityPoolId ?? null,
        accountId: credentials ? ctx.accountId : null,
        cognitoIdentityId: credentials?.identityId ?? null,
        caller: callerId,
        sourceIp: request.sourceIp,
        principalOrgId: null,
        accessKey: credentials?.accessKeyId ?? null,
        cognitoAuthenticationType: credentials ? 'authenticated' : null,
        cognitoAuthenticationProvider: credentials?.authenticationProvider ?? null,
        userArn: credentials?.assumedRoleArn ?? null,
        userAgent: lower('user-agent') ?? null,
        user: callerId,
      },
      domainName: host,
      apiId: ctx.apiId,
      ...(ctx.claims ? { authorizer: { claims: ctx.claims } } : {}),
      ...(ctx.principalId !== undefined ? { authorizer: lambdaAuthorizerContext(ctx) } : {}),
    },
    body: request.body.length > 0 ? request.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}

/**
 * `requestContext.authorizer` after a Lambda authorizer: its principalId, its
 * context keys beside it, and `integrationLatency` (ms the authorizer took, 0
 * when its answer came from the cache). The context keys reach a Lambda proxy
 * event as strings, as API Gateway passes them for a REST API.
 */
function lambdaAuthorizerContext(ctx: EventContext): Record<string, string | number> {
  const out: Record<string, string | number> = requestKeyed<string | number>();
  for (const [key, value] of Object.entries(ctx.authorizerContext ?? {})) out[key] = String(value);
  out.principalId = ctx.principalId!;
  out.integrationLatency = ctx.authorizerLatency ?? 0;
  return out;
}

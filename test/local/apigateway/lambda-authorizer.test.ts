import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiModels, createGateway } from '../../../local/apigateway/index.js';
import { createLambdaRunner, type LambdaRunner } from '../../../local/lambda/runner.js';
import { createLocalStack, type CfnResource, type CfnTemplate } from '../../../local/template/index.js';
import { readResponse } from '../../support/read-response.js';

/**
 * A hand-made API with Lambda authorizers whose function answers as the token
 * (or, REQUEST, the x-token header) tells it to: each of API Gateway's answers
 * to an authorizer, through the real gateway, Lambda runner and HTTP.
 */
const AUTHORIZER = `
const policy = (effect, resource) => ({ Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] });
export const handler = async (event) => {
  const token = event.type === 'TOKEN' ? event.authorizationToken : Object.entries(event.headers).find(([k]) => k.toLowerCase() === 'x-token')[1];
  const [kind] = token.split('.');
  const base = event.methodArn.split('/').slice(0, 2).join('/');
  switch (kind) {
    case 'allow': return { principalId: 'rider-sub', policyDocument: policy('Allow', base + '/*/*'), context: { username: 'rider', admin: false, n: 3, seen: JSON.stringify({ type: event.type, methodArn: event.methodArn, keys: Object.keys(event).sort() }) } };
    case 'first': return { principalId: 'rider-sub', policyDocument: policy('Allow', event.methodArn) };
    case 'deny': return { principalId: 'rider-sub', policyDocument: { Statement: [policy('Allow', '*').Statement[0], policy('Deny', base + '/*/things').Statement[0]] } };
    case 'other': return { principalId: 'rider-sub', policyDocument: policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:otherapi/*/*/*') };
    case 'unauthorized': throw new Error('Unauthorized');
    case 'boom': throw new Error('database unreachable');
    case 'nested': return { principalId: 'p', policyDocument: policy('Allow', '*'), context: { groups: ['a', 'b'] } };
    case 'noprincipal': return { policyDocument: policy('Allow', '*') };
    case 'slow': await new Promise((r) => setTimeout(r, 3000)); return {};
    default: return 'not an answer';
  }
};`;
const ECHO = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ authorizer: event.requestContext.authorizer ?? null }) });`;
const FUNCTIONS: Record<string, { code: string; timeout?: number }> = { Authorizer: { code: AUTHORIZER, timeout: 1 }, Echo: { code: ECHO } };

function buildTemplate(): CfnTemplate {
  const root = { 'Fn::GetAtt': ['Api', 'RootResourceId'] };
  const uri = (fn: string) => ({ 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [fn, 'Arn'] }, '/invocations']] });
  const resources: Record<string, CfnResource> = {
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'authorizer-test' } },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'v1' } },
    Cached: { Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: { Ref: 'Api' }, Name: 'cached', Type: 'TOKEN', AuthorizerUri: uri('Authorizer'), IdentitySource: 'method.request.header.Authorization', IdentityValidationExpression: '^[a-z]+\\.[a-z0-9]+$', AuthorizerResultTtlInSeconds: 300 } },
    Uncached: { Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: { Ref: 'Api' }, Name: 'uncached', Type: 'TOKEN', AuthorizerUri: uri('Authorizer'), IdentitySource: 'method.request.header.Authorization', AuthorizerResultTtlInSeconds: 0 } },
    Request: { Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: { Ref: 'Api' }, Name: 'request', Type: 'REQUEST', AuthorizerUri: uri('Authorizer'), IdentitySource: 'method.request.header.X-Token, method.request.querystring.q', AuthorizerResultTtlInSeconds: 0 } },
    Default4xx: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'Api' }, ResponseType: 'DEFAULT_4XX', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } } },
    Default5xx: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'Api' }, ResponseType: 'DEFAULT_5XX', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } } },
  };
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    resources[name] = { Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': `asset.${name}` }, Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: fn.timeout ?? 3 } };
  }
  // /cached/rides and /cached/things, /uncached, /request: each protected by its authorizer.
  const add = (id: string, parent: unknown, part: string) => (resources[id] = { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: parent, PathPart: part } });
  add('CachedRes', root, 'cached');
  add('Rides', { Ref: 'CachedRes' }, 'rides');
  add('Things', { Ref: 'CachedRes' }, 'things');
  add('UncachedRes', root, 'uncached');
  add('RequestRes', root, 'request');
  const method = (id: string, resource: string, verb: string, authorizer: string) => {
    resources[id] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: { RestApiId: { Ref: 'Api' }, ResourceId: { Ref: resource }, HttpMethod: verb, AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizer }, Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: uri('Echo') } },
    };
  };
  method('PostRides', 'Rides', 'POST', 'Cached');
  method('GetRides', 'Rides', 'GET', 'Cached');
  method('PostThings', 'Things', 'POST', 'Cached');
  method('PostUncached', 'UncachedRes', 'POST', 'Uncached');
  method('PostRequest', 'RequestRes', 'POST', 'Request');
  return { Resources: resources };
}

let assemblyDir: string;
let server: Server;
let runner: LambdaRunner;
let base: string;
let apiId: string;
const logLines: string[] = [];

beforeAll(async () => {
  assemblyDir = mkdtempSync(join(tmpdir(), 'wr-lambda-authorizer-'));
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(assemblyDir, `asset.${name}`));
    writeFileSync(join(assemblyDir, `asset.${name}`, 'index.mjs'), fn.code);
  }
  const stack = createLocalStack({ stackName: 'AuthorizerTest', template: buildTemplate(), assemblyDir });
  runner = createLambdaRunner({ stack, localEnvironment: {}, log: (l) => logLines.push(l) });
  const api = buildApiModels(stack)[0]!;
  apiId = api.id;
  const gateway = createGateway({ stack, api, provider: { jwks: () => ({ keys: [] }), lookupCredentials: () => undefined }, invoker: runner, log: (l) => logLines.push(l) });
  server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  await runner.warm(['Authorizer', 'Echo']);
});
afterAll(async () => {
  await runner?.close();
  await new Promise((r) => server?.close(r));
  rmSync(assemblyDir, { recursive: true, force: true });
});

const authorizerCalls = () => runner.invocations().Authorizer ?? 0;

async function call(path: string, token?: string, method = 'POST', headers: Record<string, string> = {}) {
  return readResponse(await fetch(`${base}${path}`, { method, headers: { ...(token !== undefined ? { Authorization: token } : {}), ...headers }, ...(method === 'POST' ? { body: '{}' } : {}) }));
}

/** Counts the authorizer's invocations across one call. */
async function counted(fn: () => Promise<Awaited<ReturnType<typeof call>>>) {
  const before = authorizerCalls();
  const r = await fn();
  return { r, invoked: authorizerCalls() - before };
}

describe('a Lambda TOKEN authorizer, locally as API Gateway runs it', () => {
  it('missing identity source: 401 Unauthorized without invoking the function', async () => {
    const { r, invoked } = await counted(() => call('/uncached'));
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ message: 'Unauthorized' });
    expect(r.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(invoked).toBe(0);
  });

  it('a token that fails the validation expression: 401 without invoking', async () => {
    const { r, invoked } = await counted(() => call('/cached/rides', 'Bearer allow.x'));
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ message: 'Unauthorized' });
    expect(invoked).toBe(0);
  });

  it('Allow: the function gets principalId and the context (as strings) in requestContext.authorizer; the TOKEN event has type, token and methodArn', async () => {
    const r = await call('/uncached', 'allow.one');
    expect(r.status).toBe(200);
    const { authorizer } = r.json;
    expect(authorizer).toMatchObject({ principalId: 'rider-sub', username: 'rider', admin: 'false', n: '3' });
    expect(typeof authorizer.integrationLatency).toBe('number');
    const seen = JSON.parse(authorizer.seen);
    expect(seen).toEqual({ type: 'TOKEN', methodArn: `arn:aws:execute-api:us-east-1:123456789012:${apiId}/v1/POST/uncached`, keys: ['authorizationToken', 'methodArn', 'type'] });
  });

  it('the function throws "Unauthorized": 401', async () => {
    const r = await call('/uncached', 'unauthorized.x');
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ message: 'Unauthorized' });
  });

  it('explicit Deny wins over an Allow: 403 with API Gateway\'s body for an authorizer deny', async () => {
    const r = await call('/cached/things', 'deny.one');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ Message: 'User is not authorized to access this resource with an explicit deny' });
    expect(r.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    // The same cached policy allows another method (the Deny names only /things).
    expect((await call('/cached/rides', 'deny.one')).status).toBe(200);
  });

  it('no statement allows the method: 403 implicit deny', async () => {
    const r = await call('/uncached', 'other.one');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ Message: 'User is not authorized to access this resource' });
  });

  it.each([
    ['the function throws anything but Unauthorized', 'boom.x'],
    ['a context value that is an array', 'nested.x'],
    ['no principalId', 'noprincipal.x'],
    ['not an authorizer answer at all', 'junk.x'],
  ])('%s: 500 AuthorizerConfigurationException, {"message":null}', async (_, token) => {
    const r = await call('/uncached', token);
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ message: null });
    expect(r.headers.get('x-amzn-errortype')).toBe('AuthorizerConfigurationException');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('the function times out (its own 1 s Timeout): 500, and the integration never runs', async () => {
    const before = runner.invocations().Echo ?? 0;
    const r = await call('/uncached', 'slow.x');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ message: null });
    expect(runner.invocations().Echo ?? 0).toBe(before);
  });
});

describe('the result cache (per identity-source value, for the TTL)', () => {
  it('a second request with the same token within the TTL does not invoke the authorizer; another token does', async () => {
    const first = await counted(() => call('/cached/rides', 'allow.cache1'));
    expect(first.r.status).toBe(200);
    expect(first.invoked).toBe(1);
    const second = await counted(() => call('/cached/rides', 'allow.cache1'));
    expect(second.r.status).toBe(200);
    expect(second.invoked).toBe(0);
    expect(second.r.json.authorizer).toMatchObject({ principalId: 'rider-sub', integrationLatency: 0 });
    const other = await counted(() => call('/cached/rides', 'allow.cache2'));
    expect(other.invoked).toBe(1);
  });

  it('TTL 0: every request invokes the authorizer', async () => {
    const a = await counted(() => call('/uncached', 'allow.nocache'));
    const b = await counted(() => call('/uncached', 'allow.nocache'));
    expect([a.invoked, b.invoked]).toEqual([1, 1]);
  });

  it('a cached policy that names only the first method refuses the token on another method (the classic bug), without invoking again', async () => {
    expect((await call('/cached/rides', 'first.policy')).status).toBe(200);
    const { r, invoked } = await counted(() => call('/cached/rides', 'first.policy', 'GET'));
    expect(invoked).toBe(0);
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ Message: 'User is not authorized to access this resource' });
  });

  it('a policy for the whole API and stage serves every method from the cache', async () => {
    expect((await call('/cached/rides', 'allow.wide')).status).toBe(200);
    const { r, invoked } = await counted(() => call('/cached/things', 'allow.wide'));
    expect(invoked).toBe(0);
    expect(r.status).toBe(200);
  });
});

describe('a Lambda REQUEST authorizer', () => {
  it('needs every identity source: without the query parameter, 401 without invoking', async () => {
    const { r, invoked } = await counted(() => call('/request', undefined, 'POST', { 'X-Token': 'allow.r' }));
    expect(r.status).toBe(401);
    expect(invoked).toBe(0);
  });

  it('gets the request (headers, query, no body) with type REQUEST and the methodArn', async () => {
    const r = await call('/request?q=1', undefined, 'POST', { 'X-Token': 'allow.r' });
    expect(r.status).toBe(200);
    const seen = JSON.parse(r.json.authorizer.seen);
    expect(seen.type).toBe('REQUEST');
    expect(seen.methodArn).toBe(`arn:aws:execute-api:us-east-1:123456789012:${apiId}/v1/POST/request`);
    expect(seen.keys).toEqual(expect.arrayContaining(['headers', 'queryStringParameters', 'requestContext', 'methodArn', 'type']));
    expect(seen.keys).not.toContain('body');
  });
});

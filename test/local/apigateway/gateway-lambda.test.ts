import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiModels, createGateway } from '../../../local/apigateway/index.js';
import { createLambdaRunner, type LambdaRunner } from '../../../local/lambda/runner.js';
import type { IssuedCredentials } from '../../../local/apigateway/index.js';
import { createLocalStack, type CfnResource, type CfnTemplate } from '../../../local/template/index.js';
import { readResponse } from '../../support/read-response.js';
import { send, signCall } from '../support/sigv4-client.js';

/**
 * A hand-made stack whose functions misbehave on purpose: the gateway and the
 * Lambda runner together, with real worker threads and real HTTP.
 */
const FUNCTIONS: Record<string, { code: string; timeout?: number; env?: Record<string, string> }> = {
  Echo: { code: `export const handler = async (event, context) => ({ statusCode: 200, headers: { 'x-fn': context.functionName }, body: JSON.stringify({ event, remaining: context.getRemainingTimeInMillis() }) });` },
  Slow: { timeout: 1, code: `export const handler = async () => { await new Promise((r) => setTimeout(r, 3000)); return { statusCode: 200, body: 'late' }; };` },
  Slower: { timeout: 5, code: `export const handler = async () => { await new Promise((r) => setTimeout(r, 1500)); return { statusCode: 200, body: 'late' }; };` },
  Crash: { code: `export const handler = async () => { throw new TypeError('the unicorn fell over'); };` },
  Exit: { code: `let calls = 0; export const handler = async (event) => { calls += 1; if (event.body === 'crash') setTimeout(() => { throw new Error('uncaught, later'); }, 0); await new Promise((r) => setTimeout(r, 50)); return { statusCode: 200, body: String(calls) }; };` },
  Malformed: { code: `export const handler = async (event) => event.queryStringParameters?.kind === 'object-body' ? { statusCode: 200, body: { not: 'a string' } } : event.queryStringParameters?.kind === 'undefined' ? undefined : { statusCode: 'two hundred' };` },
  Counter: { env: { SECRET: 'counter' }, code: `let n = 0; globalThis.leak = 'from counter'; export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ n: ++n, secret: process.env.SECRET, home: process.env.HOME ?? null }) });` },
  Peer: { env: { SECRET: 'peer' }, code: `export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ leak: globalThis.leak ?? null, secret: process.env.SECRET, table: process.env.TABLE }) });` },
};

function buildTemplate(): CfnTemplate {
  const resources: Record<string, CfnResource> = {
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'gateway-test' } },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'v1', Variables: { color: 'blue' } } },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [], AttributeDefinitions: [] } },
    Things: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'things' } },
    Thing: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Things' }, PathPart: '{id}' } },
    Special: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Things' }, PathPart: 'special' } },
    Proxy: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: '{proxy+}' } },
    Default5xx: {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResponseType: 'DEFAULT_5XX',
        ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://rides.example'" },
        ResponseTemplates: { 'application/json': '{"error":$context.error.messageString,"type":"$context.error.responseType"}' },
      },
    },
  };
  const method = (id: string, resource: unknown, verb: string, fn: string, extra: Record<string, unknown> = {}) => {
    resources[id] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: resource,
        HttpMethod: verb,
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [fn, 'Arn'] }, '/invocations']] },
          ...extra,
        },
      },
    };
  };
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    resources[name] = {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'aws:asset:path': `asset.${name}` },
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Timeout: fn.timeout ?? 3,
        Environment: { Variables: { ...(fn.env ?? {}), TABLE: { Ref: 'Table' } } },
      },
    };
    if (!['Echo'].includes(name)) {
      resources[`${name}Resource`] = { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: name.toLowerCase() } };
      method(`${name}Method`, { Ref: `${name}Resource` }, 'POST', name, name === 'Slower' ? { TimeoutInMillis: 500 } : {});
    }
  }
  resources.Signed = { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'signed' } };
  method('PostSigned', { Ref: 'Signed' }, 'POST', 'Echo');
  resources.PostSigned!.Properties!.AuthorizationType = 'AWS_IAM';
  resources.RiderRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Statement: [] },
      Policies: [{ PolicyName: 'invoke', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } }],
    },
  };
  method('GetThing', { Ref: 'Thing' }, 'GET', 'Echo');
  method('GetSpecial', { Ref: 'Special' }, 'GET', 'Counter');
  method('AnyProxy', { Ref: 'Proxy' }, 'ANY', 'Echo');
  return { Resources: resources };
}

let assemblyDir: string;
let server: Server;
let runner: LambdaRunner;
let base: string;
let credentials: IssuedCredentials;
let roleId: string;
const logLines: string[] = [];

beforeAll(async () => {
  assemblyDir = mkdtempSync(join(tmpdir(), 'wr-gateway-test-'));
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(assemblyDir, `asset.${name}`));
    writeFileSync(join(assemblyDir, `asset.${name}`, 'index.mjs'), fn.code);
  }
  const stack = createLocalStack({ stackName: 'GatewayTest', template: buildTemplate(), assemblyDir });
  runner = createLambdaRunner({ stack, localEnvironment: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' }, log: (l) => logLines.push(l) });
  const roleArn = stack.attribute('RiderRole', 'Arn');
  roleId = stack.attribute('RiderRole', 'RoleId');
  credentials = {
    accessKeyId: 'ASIAGATEWAYTEST00001',
    secretAccessKey: 'gateway-test-secret',
    sessionToken: 'gateway-test-session-token',
    expiration: new Date(Date.now() + 3_600_000),
    identityId: 'us-east-1:11111111-2222-4333-a444-555555555555',
    identityPoolId: 'us-east-1:00000000-0000-4000-a000-000000000000',
    roleArn,
    assumedRoleArn: `${roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/CognitoIdentityCredentials`,
    authenticationProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Test',
  };
  const gateway = createGateway({
    stack,
    api: buildApiModels(stack)[0]!,
    provider: { jwks: () => ({ keys: [] }), lookupCredentials: (id) => (id === credentials.accessKeyId ? credentials : undefined) },
    invoker: runner,
    log: (l) => logLines.push(l),
  });
  server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await runner?.close();
  await new Promise((r) => server?.close(r));
  rmSync(assemblyDir, { recursive: true, force: true });
});

async function call(path: string, init: RequestInit = { method: 'POST', body: '{}' }) {
  return readResponse(await fetch(`${base}${path}`, init));
}

describe('the proxy event (payload 1.0)', () => {
  it('carries path and query parameters, multi-value headers, stage variables and the request context', async () => {
    const r = await call('/things/a%20b?x=1&x=2&y=three', { method: 'GET', headers: { 'X-Custom': 'one' } });
    expect(r.status).toBe(200);
    const { event, remaining } = r.json;
    expect(event).toMatchObject({
      resource: '/things/{id}',
      path: '/things/a b',
      httpMethod: 'GET',
      pathParameters: { id: 'a b' },
      queryStringParameters: { x: '2', y: 'three' },
      multiValueQueryStringParameters: { x: ['1', '2'], y: ['three'] },
      stageVariables: { color: 'blue' },
      body: null,
      isBase64Encoded: false,
      requestContext: { stage: 'v1', resourcePath: '/things/{id}', httpMethod: 'GET', path: '/v1/things/a%20b'.replace('%20', ' '), identity: { sourceIp: '127.0.0.1', cognitoIdentityId: null } },
    });
    expect(event.headers['X-Custom'] ?? event.headers['x-custom']).toBe('one');
    expect(event.requestContext.requestId).toBe(r.headers.get('x-amzn-requestid'));
    expect(remaining).toBeGreaterThan(2000);
    expect(r.headers.get('x-fn')).toMatch(/^GatewayTest-Echo-/);
  });

  it('names the SigV4 signer in requestContext.identity as API Gateway does for identity-pool credentials', async () => {
    for (let i = 0; i < 2; i++) {
      const signed = await signCall(`${base}/`, 'signed', credentials, { body: '{}' });
      const r = await send(signed);
      expect(r.status).toBe(200);
      expect(r.json.event.requestContext.identity).toMatchObject({
        cognitoIdentityId: credentials.identityId,
        cognitoIdentityPoolId: credentials.identityPoolId,
        cognitoAuthenticationType: 'authenticated',
        cognitoAuthenticationProvider: credentials.authenticationProvider,
        accessKey: credentials.accessKeyId,
        userArn: credentials.assumedRoleArn,
        caller: `${roleId}:CognitoIdentityCredentials`,
        user: `${roleId}:CognitoIdentityCredentials`,
      });
    }
  });

  it('prefers a literal path part to a {param}, and falls back to {proxy+}', async () => {
    expect((await call('/things/special', { method: 'GET' })).json).toMatchObject({ secret: 'counter' });
    const proxied = await call('/deep/down/here', { method: 'DELETE' });
    expect(proxied.json.event).toMatchObject({ resource: '/{proxy+}', pathParameters: { proxy: 'deep/down/here' }, httpMethod: 'DELETE' });
  });
});

describe('functions that misbehave', () => {
  it('a function past its own timeout is a 502 (Lambda failed), shaped by the DEFAULT_5XX response', async () => {
    const r = await call('/slow');
    expect(r.status).toBe(502);
    expect(r.json).toEqual({ error: 'Internal server error', type: 'DEFAULT_5XX' });
    expect(r.headers.get('access-control-allow-origin')).toBe('https://rides.example');
    expect(logLines.some((l) => l.includes('Task timed out after 1.00 seconds'))).toBe(true);
  });

  it('an integration that gives up first is a 504 "Endpoint request timed out"', async () => {
    const r = await call('/slower');
    expect(r.status).toBe(504);
    expect(r.json).toEqual({ error: 'Endpoint request timed out', type: 'INTEGRATION_TIMEOUT' });
  });

  it('a thrown error is a 502 with a log line, never a stack trace for the client', async () => {
    const r = await call('/crash');
    expect(r.status).toBe(502);
    expect(r.text).not.toContain('unicorn fell over');
    expect(logLines.some((l) => l.includes('TypeError: the unicorn fell over'))).toBe(true);
  });

  it('a malformed result is a 502 that says what is wrong in the log', async () => {
    for (const kind of ['status', 'object-body', 'undefined']) {
      const r = await call(`/malformed?kind=${kind}`);
      expect(r.status).toBe(502);
    }
    expect(logLines.some((l) => l.includes('malformed Lambda proxy response: body must be a string'))).toBe(true);
  });

  it('an environment that dies is replaced, and the server keeps serving', async () => {
    expect((await call('/exit')).text).toBe('1');
    expect((await call('/exit')).text).toBe('2');
    const first = await call('/exit', { method: 'POST', body: 'crash' });
    expect(first.status).toBe(502);
    expect(logLines.some((l) => l.includes('the runtime exited: Error: uncaught, later'))).toBe(true);
    const second = await call('/exit');
    expect(second.status).toBe(200);
    expect(second.text).toBe('1'); // a fresh environment: its module state starts over
    expect((await call('/things/x', { method: 'GET' })).status).toBe(200);
  });
});

describe('execution environments', () => {
  it('stay warm between calls and are isolated from each other’s globals and environment', async () => {
    const a = await call('/counter');
    const b = await call('/counter');
    expect(b.json.n).toBe(a.json.n + 1);
    expect(a.json.secret).toBe('counter');
    expect(a.json.home).toBeNull(); // nothing of this machine's environment
    const peer = await call('/peer');
    expect(peer.json).toEqual({ leak: null, secret: 'peer', table: expect.stringMatching(/^GatewayTest-Table-/) });
  });

  it('answers an unknown stage or path with 403 Missing Authentication Token', async () => {
    const r = await fetch(base.replace('/v1', '/v2') + '/things/x');
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ message: 'Missing Authentication Token' });
  });
});

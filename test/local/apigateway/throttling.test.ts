import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApiModels, createGateway } from '../../../local/apigateway/index.js';
import { limitsFor, readStageThrottling } from '../../../local/apigateway/throttling/settings.js';
import type { FunctionInvoker } from '../../../local/lambda/invoke.js';
import { createLocalStack, TemplateError, type CfnResource, type CfnTemplate } from '../../../local/template/index.js';
import { readResponse } from '../../support/read-response.js';

/**
 * Stage and method throttling on a hand-made stack, with a clock the test
 * moves (no sleeping) and an invoker that counts calls instead of running
 * functions. Stage v1: every method rate 2/s, burst 3; POST /fast rate 100,
 * burst 10 (a method setting over the stage one); POST /signed is AWS_IAM.
 * Stage v2 sets no throttling.
 */
const ORIGIN = 'https://rides.example';

function buildTemplate(): CfnTemplate {
  const root = { 'Fn::GetAtt': ['Api', 'RootResourceId'] };
  const resources: Record<string, CfnResource> = {
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'throttling-test' } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler' } },
    V1: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        RestApiId: { Ref: 'Api' },
        StageName: 'v1',
        MethodSettings: [
          { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 2, ThrottlingBurstLimit: 3 },
          { HttpMethod: 'POST', ResourcePath: '/~1fast', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 10 },
        ],
      },
    },
    V2: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'v2' } },
    Default4xx: {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResponseType: 'DEFAULT_4XX',
        ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': `'${ORIGIN}'` },
      },
    },
  };
  for (const [name, auth] of [['ride', 'NONE'], ['other', 'NONE'], ['fast', 'NONE'], ['signed', 'AWS_IAM']] as const) {
    resources[`${name}Resource`] = { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: root, PathPart: name } };
    resources[`${name}Method`] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: { Ref: `${name}Resource` },
        HttpMethod: 'POST',
        AuthorizationType: auth,
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '/invocations']] },
        },
      },
    };
  }
  return { Resources: resources };
}

let assemblyDir: string;
let server: Server;
let base: string;
let clockMs = Date.parse('2026-11-23T12:00:00Z');
let invocations = 0;
const invoker: FunctionInvoker = {
  async invoke() {
    invocations += 1;
    return { kind: 'ok', payload: { statusCode: 200, body: 'ok' } };
  },
};

beforeAll(async () => {
  assemblyDir = mkdtempSync(join(tmpdir(), 'wr-throttling-test-'));
  const stack = createLocalStack({ stackName: 'ThrottlingTest', template: buildTemplate(), assemblyDir });
  const gateway = createGateway({
    stack,
    api: buildApiModels(stack)[0]!,
    provider: { jwks: () => ({ keys: [] }), lookupCredentials: () => undefined },
    invoker,
    now: () => clockMs,
  });
  server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  rmSync(assemblyDir, { recursive: true, force: true });
});
// Each test starts an hour later: every bucket is full again.
beforeEach(() => {
  clockMs += 3_600_000;
});

async function post(path: string) {
  return readResponse(await fetch(`${base}${path}`, { method: 'POST', body: '{}', headers: { origin: ORIGIN } }));
}

/** Sends `count` requests one after the other, the clock standing still, and returns their statuses. */
async function burst(path: string, count: number) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await post(path)).status);
  return statuses;
}

describe('stage and method throttling (token bucket per method)', () => {
  it('lets a burst of ThrottlingBurstLimit through, then answers 429 Too Many Requests through DEFAULT_4XX, without invoking the function', async () => {
    const before = invocations;
    const statuses = await burst('/v1/ride', 8);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(invocations - before).toBe(3);

    const refused = await post('/v1/ride');
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ message: 'Too Many Requests' });
    expect(refused.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(refused.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(invocations - before).toBe(3);
  });

  it('refills at ThrottlingRateLimit tokens per second, up to the burst and no further', async () => {
    await burst('/v1/ride', 4);
    expect((await post('/v1/ride')).status).toBe(429);
    clockMs += 500; // rate 2/s: one token
    expect(await burst('/v1/ride', 2)).toEqual([200, 429]);
    clockMs += 60_000; // a minute would be 120 tokens: the bucket holds 3
    expect(await burst('/v1/ride', 4)).toEqual([200, 200, 200, 429]);
  });

  it('gives each method its own bucket', async () => {
    expect(await burst('/v1/ride', 4)).toEqual([200, 200, 200, 429]);
    expect(await burst('/v1/other', 4)).toEqual([200, 200, 200, 429]);
  });

  it('applies a method setting (ResourcePath /~1fast) over the stage default', async () => {
    const statuses = await burst('/v1/fast', 11);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('throttles before the authorizer: an unsigned request to an AWS_IAM method is a 429, not a 403, once the bucket is empty', async () => {
    expect(await burst('/v1/signed', 3)).toEqual([403, 403, 403]);
    const refused = await post('/v1/signed');
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ message: 'Too Many Requests' });
  });

  it('leaves a stage without throttling settings unthrottled', async () => {
    const statuses = await burst('/v2/ride', 20);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});

describe('reading MethodSettings', () => {
  const stack = createLocalStack({ stackName: 'T', template: { Resources: {} }, assemblyDir: tmpdir() });

  it('unescapes resource paths and falls back from the method to the resource, the verb and the stage default', () => {
    const throttling = readStageThrottling(stack, 'Stage', {
      MethodSettings: [
        { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
        { HttpMethod: 'GET', ResourcePath: '/~1rides~1{id}', ThrottlingBurstLimit: 5 },
        { HttpMethod: '*', ResourcePath: '/~1rides', ThrottlingRateLimit: 7 },
      ],
    });
    expect(limitsFor(throttling, '/rides/{id}', 'GET')).toEqual({ rateLimit: 50, burstLimit: 5 });
    expect(limitsFor(throttling, '/rides', 'POST')).toEqual({ rateLimit: 7, burstLimit: 100 });
    expect(limitsFor(throttling, '/other', 'DELETE')).toEqual({ rateLimit: 50, burstLimit: 100 });
  });

  it('takes the account limits for the one a stage leaves unset, and nothing when it sets none', () => {
    expect(limitsFor(readStageThrottling(stack, 'S', { MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 1 }] }), '/a', 'GET')).toEqual({
      rateLimit: 1,
      burstLimit: 5000,
    });
    expect(limitsFor(readStageThrottling(stack, 'S', { MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'INFO' }] }), '/a', 'GET')).toBeUndefined();
  });

  it('reads a Deployment StageDescription’s own limits as the stage default', () => {
    expect(limitsFor(readStageThrottling(stack, 'D', { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 4 }), '/a', 'GET')).toEqual({ rateLimit: 3, burstLimit: 4 });
  });

  it('refuses a limit that is not a number of 0 or more, naming the stage', () => {
    expect(() => readStageThrottling(stack, 'Stage', { MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: -1 }] })).toThrow(TemplateError);
    expect(() => readStageThrottling(stack, 'Stage', { MethodSettings: [{ ThrottlingBurstLimit: 'lots' }] })).toThrow(/Stage MethodSettings/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionTrace } from '../../../../local/apigateway/trace/index.js';
import { TraceStore } from '../../../../local/apigateway/trace/index.js';
import type { FunctionInvoker, InvokeOutcome } from '../../../../local/lambda/invoke.js';
import type { CfnResource, CfnTemplate } from '../../../../local/template/index.js';
import { handMadeApi, serveGateway } from '../support/hand-made-api.js';

/**
 * The decision trace of every refusal the gateway's own steps give on a
 * hand-made API (Cognito and IAM, which need real keys and credentials, are in
 * cognito-reasons / iam-reasons): the client's answer stays API Gateway's bare
 * one, the trace says why in plain words. Lambda is the one part played here
 * (the invoker answers as the function would).
 */
const uri = (fn: string) => ({ 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [fn, 'Arn'] }, '/invocations']] });
const allowPolicy = (effect: string, resource: string) => ({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: resource }] });

let fnAnswer: InvokeOutcome = { kind: 'ok', payload: { statusCode: 200, body: 'ok' } };
const invoker: FunctionInvoker = {
  async invoke(logicalId, event) {
    if (logicalId !== 'Auth') return fnAnswer;
    const token = (event as { authorizationToken: string }).authorizationToken;
    const arn = (event as { methodArn: string }).methodArn;
    if (token === 'allow') return { kind: 'ok', payload: { principalId: 'rider-7', policyDocument: allowPolicy('Allow', arn) } };
    if (token === 'deny') return { kind: 'ok', payload: { principalId: 'rider-7', policyDocument: { Statement: [{ Sid: 'NoRides', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: arn }] } } };
    if (token === 'other') return { kind: 'ok', payload: { principalId: 'rider-7', policyDocument: allowPolicy('Allow', arn.replace(/\/POST\/.*$/, '/GET/rides')) } };
    if (token === 'unauthorized') return { kind: 'error', errorType: 'Error', errorMessage: 'Unauthorized' };
    if (token === 'boom') return { kind: 'error', errorType: 'Error', errorMessage: 'database unreachable' };
    if (token === 'slow') return { kind: 'timeout' } as InvokeOutcome;
    return { kind: 'ok', payload: 'not an answer' };
  },
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  fnAnswer = { kind: 'ok', payload: { statusCode: 200, body: 'ok' } };
});

async function serve(template: CfnTemplate) {
  const traces = new TraceStore();
  const gateway = await serveGateway(template, { invoker, traces });
  closers.push(() => gateway.close());
  const call = async (path: string, init: { method?: string; headers?: Record<string, string> } = {}) => {
    const r = await fetch(`${gateway.base.replace(/\/v1$/, '')}${path}`, { method: init.method ?? 'POST', body: init.method === 'GET' ? undefined : '{}', headers: init.headers ?? {} });
    const body = await r.text();
    const id = r.headers.get('x-amzn-requestid')!;
    return { status: r.status, body, headers: r.headers, trace: traces.get(id) as DecisionTrace };
  };
  return { call, traces };
}

/** The reason never reaches the client: its answer is the bare one of API Gateway. */
function bare(r: { body: string; trace: DecisionTrace }) {
  expect(r.trace.refusal).toBeDefined();
  expect(r.body).not.toContain(r.trace.refusal!.reason);
  expect(r.body.length).toBeLessThan(200);
}

describe('routing, throttling, WAF, resource policy, API key, integration', () => {
  it('says why a path has no method: no stage, no resource, not this verb (403 Missing Authentication Token)', async () => {
    const { call } = await serve(handMadeApi([{ path: 'ride' }]));
    const noStage = await call('/prod/ride');
    expect(noStage.status).toBe(403);
    expect(noStage.body).toBe('{"message":"Missing Authentication Token"}');
    expect(noStage.trace.refusal).toMatchObject({ step: 'route', responseType: 'MISSING_AUTHENTICATION_TOKEN' });
    expect(noStage.trace.refusal!.reason).toMatch(/^no stage `prod` — this API's stage is v1; API Gateway answers 403 Missing Authentication Token/);
    const noResource = await call('/v1/dispatch/rides');
    expect(noResource.trace.refusal!.reason).toMatch(/^no resource of the API matches \/dispatch\/rides \(it has POST \/ride\)/);
    const noVerb = await call('/v1/ride', { method: 'GET' });
    expect(noVerb.trace.refusal!.reason).toMatch(/^the resource has no GET method \(it has POST\)/);
    expect(noVerb.trace.authMode).toBe('-');
    bare(noVerb);
  });

  it('records the checks a success passed, and every answer carries x-amzn-RequestId and x-amz-apigw-id', async () => {
    const { call, traces } = await serve(handMadeApi([{ path: 'ride' }]));
    const r = await call('/v1/ride');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-amz-apigw-id')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(r.trace).toMatchObject({ method: 'POST', path: '/v1/ride', status: 200, authMode: 'none', who: 'anonymous' });
    expect(r.trace.refusal).toBeUndefined();
    expect(r.trace.checks.map((c) => `${c.step}: ${c.reason}`)).toEqual([
      'route: stage v1, resource /ride, method POST (authorization NONE)',
      'authorize: authorization NONE: anyone may call this method',
      'integrate: function Fn answered 200',
    ]);
    expect(traces.list()[0]!.requestId).toBe(r.trace.requestId);
  });

  it('throttled: names the stage, method and limits', async () => {
    const template = handMadeApi([{ path: 'ride' }]);
    template.Resources.Stage!.Properties!.MethodSettings = [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 }];
    const { call } = await serve(template);
    expect((await call('/v1/ride')).trace.checks.map((c) => c.step)).toContain('throttle');
    const r = await call('/v1/ride');
    expect(r.status).toBe(429);
    expect(r.trace.refusal!.reason).toBe('throttled — stage v1 allows POST /ride 1 requests/s, burst 1 (its MethodSettings), and this request is over it');
    bare(r);
  });

  it('WAF: names the web ACL and the rule, or its default action', async () => {
    const acl = (rules: object[], defaultAction: object): Record<string, CfnResource> => ({
      Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'REGIONAL', DefaultAction: defaultAction, Rules: rules, VisibilityConfig: {} } },
      Listed: { Type: 'AWS::WAFv2::IPSet', Properties: { Scope: 'REGIONAL', IPAddressVersion: 'IPV4', Addresses: ['127.0.0.0/8'] } },
      AclOnStage: {
        Type: 'AWS::WAFv2::WebACLAssociation',
        Properties: { WebACLArn: { 'Fn::GetAtt': ['Acl', 'Arn'] }, ResourceArn: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, '::/restapis/', { Ref: 'Api' }, '/stages/', { Ref: 'Stage' }]] } },
      },
    });
    const rule = { Name: 'Listed', Priority: 0, Action: { Block: {} }, Statement: { IPSetReferenceStatement: { Arn: { 'Fn::GetAtt': ['Listed', 'Arn'] } } }, VisibilityConfig: {} };
    const blocked = await (await serve(handMadeApi([{ path: 'ride' }], acl([rule], { Allow: {} })))).call('/v1/ride');
    expect(blocked.status).toBe(403);
    expect(blocked.trace.refusal).toMatchObject({ step: 'waf', responseType: 'WAF_FILTERED' });
    expect(blocked.trace.refusal!.reason).toMatch(/^blocked by WAF — rule Listed of web ACL Acl \(source 127\.0\.0\.1 is in its IP set\)$/);
    const byDefault = await (await serve(handMadeApi([{ path: 'ride' }], acl([], { Block: {} })))).call('/v1/ride');
    expect(byDefault.trace.refusal!.reason).toBe('blocked by WAF — no rule of web ACL Acl allowed source 127.0.0.1, and its default action is Block');
    bare(byDefault);
  });

  it('resource policy: explicit deny, and no statement allowing', async () => {
    const withPolicy = (statement: object) => {
      const t = handMadeApi([{ path: 'ride' }]);
      t.Resources.Api!.Properties!.Policy = { Version: '2012-10-17', Statement: [statement] };
      return t;
    };
    const denied = await (await serve(withPolicy({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }))).call('/v1/ride');
    expect(denied.status).toBe(403);
    expect(denied.trace.refusal!.reason).toMatch(/^the API's resource policy explicitly denies an anonymous caller from source 127\.0\.0\.1 on arn:aws:execute-api:[^ ]+\/v1\/POST\/ride$/);
    const notAllowed = await (await serve(withPolicy({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }))).call('/v1/ride');
    expect(notAllowed.trace.refusal!.reason).toMatch(/^no statement of the API's resource policy allows an anonymous caller from source 127\.0\.0\.1 on .*\(a method without AWS_IAM needs an explicit Allow\)$/);
    bare(notAllowed);
  });

  it('API key: a missing x-api-key, and one that is no key of the API', async () => {
    const t = handMadeApi([{ path: 'ride' }], {
      Key: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Enabled: true, Value: 'k'.repeat(30) } },
      Plan: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: { Ref: 'Stage' } }] } },
      PlanKey: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: { Ref: 'Key' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' } } },
    });
    t.Resources.Method0!.Properties!.ApiKeyRequired = true;
    const { call } = await serve(t);
    const none = await call('/v1/ride');
    expect(none.status).toBe(403);
    expect(none.trace.refusal).toMatchObject({ step: 'api-key', responseType: 'INVALID_API_KEY', reason: 'no x-api-key header — the method requires an API key (x-api-key)' });
    const wrong = await call('/v1/ride', { headers: { 'x-api-key': 'nope' } });
    expect(wrong.trace.refusal!.reason).toBe('x-api-key is no key of this API — the method requires an API key (x-api-key)');
    const ok = await call('/v1/ride', { headers: { 'x-api-key': 'k'.repeat(30) } });
    expect(ok.trace.checks.find((c) => c.step === 'api-key')?.outcome).toBe('passed');
    bare(wrong);
  });

  it('the integration: a failed function, a malformed answer, a timeout', async () => {
    const { call } = await serve(handMadeApi([{ path: 'ride' }]));
    fnAnswer = { kind: 'error', errorType: 'TypeError', errorMessage: 'x is undefined' };
    const failed = await call('/v1/ride');
    expect(failed.status).toBe(502);
    expect(failed.trace.refusal!.reason).toBe('function Fn failed (TypeError: x is undefined); API Gateway answers 502');
    bare(failed);
    fnAnswer = { kind: 'ok', payload: 'hello' };
    expect((await call('/v1/ride')).trace.refusal!.reason).toMatch(/^function Fn answered something that is not a proxy response \(.+\); API Gateway answers 502$/);
    fnAnswer = { kind: 'timeout' } as InvokeOutcome;
    expect((await call('/v1/ride')).trace.refusal!.reason).toMatch(/^function Fn did not answer within the integration's \d+ ms$/);
    fnAnswer = { kind: 'refused', statusCode: 413, errorType: 'RequestEntityTooLargeException', errorMessage: 'Request must be smaller than 6291456 bytes' };
    const tooBigForLambda = await call('/v1/ride');
    expect(tooBigForLambda.status).toBe(413);
    expect(tooBigForLambda.trace.refusal!.reason).toBe("Lambda refused to invoke Fn (413 RequestEntityTooLargeException): the event is over Lambda's 6 MB synchronous payload limit");
    bare(tooBigForLambda);
  });

  it("a body over API Gateway's 10 MB payload limit, before anything else runs", async () => {
    const traces = new TraceStore();
    const gateway = await serveGateway(handMadeApi([{ path: 'ride' }]), { invoker, traces });
    closers.push(() => gateway.close());
    // API Gateway stops reading and answers 413; the client may see the answer or a closed connection.
    const r = await fetch(`${gateway.base}/ride`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) }).catch(() => undefined);
    const trace = traces.list()[0]!;
    if (r) expect(r.status).toBe(413);
    expect(trace.refusal).toMatchObject({ step: 'parse', reason: "the body is over API Gateway's 10 MB payload limit for REST APIs" });
  });

  it('a usage plan whose quota is used up', async () => {
    const t = handMadeApi([{ path: 'ride' }], {
      Key: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Enabled: true, Name: 'attendee', Value: 'q'.repeat(30) } },
      Plan: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: { Ref: 'Stage' } }], Quota: { Limit: 1, Period: 'DAY' } } },
      PlanKey: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: { Ref: 'Key' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' } } },
    });
    t.Resources.Method0!.Properties!.ApiKeyRequired = true;
    const { call } = await serve(t);
    expect((await call('/v1/ride', { headers: { 'x-api-key': 'q'.repeat(30) } })).status).toBe(200);
    const over = await call('/v1/ride', { headers: { 'x-api-key': 'q'.repeat(30) } });
    expect(over.status).toBe(429);
    expect(over.trace.refusal).toMatchObject({ step: 'api-key', responseType: 'QUOTA_EXCEEDED', reason: 'API key attendee used its quota of 1 per day in usage plan Plan' });
    bare(over);
  });
});

describe('a Lambda authorizer', () => {
  const template = () =>
    handMadeApi([{ path: 'ride', authorizationType: 'CUSTOM', authorizer: 'Gate' }], {
      Auth: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler' } },
      Gate: { Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: { Ref: 'Api' }, Name: 'gate', Type: 'TOKEN', AuthorizerUri: uri('Auth'), IdentitySource: 'method.request.header.Authorization', IdentityValidationExpression: '^[a-z]+$', AuthorizerResultTtlInSeconds: 0 } },
    });

  it('says why for each of its refusals, and who it let through', async () => {
    const { call } = await serve(template());
    const reason = async (token?: string) => (await call('/v1/ride', token === undefined ? {} : { headers: { Authorization: token } })).trace;
    expect((await reason()).refusal!.reason).toBe('no header authorization — the Lambda authorizer gate needs every identity source, so API Gateway refuses without invoking it');
    expect((await reason('NOT-VALID')).refusal!.reason).toBe("the header authorization does not match the authorizer's validation expression ^[a-z]+$; API Gateway refuses without invoking it");
    expect((await reason('unauthorized')).refusal!.reason).toBe('the Lambda authorizer gate (Auth) threw "Unauthorized": it did not accept the header authorization');
    expect((await reason('deny')).refusal!.reason).toMatch(/^the Lambda authorizer gate answered principal "rider-7" with a policy whose statement "NoRides" denies arn:aws:execute-api:.*\/v1\/POST\/ride$/);
    expect((await reason('other')).refusal!.reason).toMatch(/^the Lambda authorizer gate answered principal "rider-7" with a policy that allows only GET \/rides \(stage v1\), not arn:aws:execute-api:.*\/v1\/POST\/ride$/);
    expect((await reason('boom')).refusal).toMatchObject({ responseType: 'AUTHORIZER_CONFIGURATION_ERROR', reason: 'the Lambda authorizer gate (Auth) failed: Error: database unreachable' });
    expect((await reason('garbage')).refusal!.reason).toBe('the Lambda authorizer gate answered something API Gateway cannot use: the answer is not a JSON object');
    expect((await reason('slow')).refusal).toMatchObject({ responseType: 'AUTHORIZER_FAILURE', reason: expect.stringMatching(/^the Lambda authorizer gate \(Auth\) gave no answer within \d+ ms$/) });
    const allowed = await reason('allow');
    expect(allowed).toMatchObject({ status: 200, authMode: 'lambda', who: 'rider-7' });
    expect(allowed.checks.find((c) => c.step === 'authorize')!.reason).toMatch(/^the Lambda authorizer gate answered principal "rider-7"; its policy statement #1 allowed arn:aws:execute-api:.*\/v1\/POST\/ride$/);
  });
});

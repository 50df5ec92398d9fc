import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionInvoker } from '../../../local/lambda/invoke.js';
import type { CfnResource } from '../../../local/template/index.js';
import { handMadeApi, serveGateway } from './support/hand-made-api.js';

/**
 * Access controls a hand-made template can show without the stack: WAF IP-set
 * rules (the stack's web ACL has none), and API keys as the template may
 * declare them (a given value, disabled, in a plan of another stage).
 */
let invoked = 0;
const invoker: FunctionInvoker = {
  invoke: async () => {
    invoked++;
    return { kind: 'ok', payload: { statusCode: 200, body: 'ok' } };
  },
};
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  invoked = 0;
});

async function serve(resources: Record<string, CfnResource>, apiKeyRequired = false) {
  const template = handMadeApi([{ path: 'ride' }], resources);
  if (apiKeyRequired) template.Resources.Method0!.Properties!.ApiKeyRequired = true;
  const logLines: string[] = [];
  const gateway = await serveGateway(template, { invoker, log: (l) => logLines.push(l) });
  closers.push(() => gateway.close());
  const post = async (headers: Record<string, string> = {}) => {
    const r = await fetch(`${gateway.base}/ride`, { method: 'POST', body: '{}', headers });
    return { status: r.status, body: await r.text() };
  };
  return { post, logLines };
}

const webAcl = (rules: object[], defaultAction: object = { Allow: {} }): Record<string, CfnResource> => ({
  Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'REGIONAL', DefaultAction: defaultAction, Rules: rules, VisibilityConfig: {} } },
  AclOnStage: {
    Type: 'AWS::WAFv2::WebACLAssociation',
    Properties: {
      WebACLArn: { 'Fn::GetAtt': ['Acl', 'Arn'] },
      ResourceArn: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, '::/restapis/', { Ref: 'Api' }, '/stages/', { Ref: 'Stage' }]] },
    },
  },
});
const ipSet = (addresses: string[]): CfnResource => ({ Type: 'AWS::WAFv2::IPSet', Properties: { Scope: 'REGIONAL', IPAddressVersion: 'IPV4', Addresses: addresses } });
const ipSetRule = (action: object) => ({ Name: 'Listed', Priority: 0, Action: action, Statement: { IPSetReferenceStatement: { Arn: { 'Fn::GetAtt': ['Listed', 'Arn'] } } }, VisibilityConfig: {} });

describe('WAF IP-set rules', () => {
  it('blocks a source in a Block rule’s IP set: 403 Forbidden, the function not invoked', async () => {
    const { post, logLines } = await serve({ ...webAcl([ipSetRule({ Block: {} })]), Listed: ipSet(['127.0.0.0/8']) });
    const r = await post();
    expect(r).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(invoked).toBe(0);
    expect(logLines.some((l) => /refused by WAF \(web ACL Acl, rule Listed/.test(l))).toBe(true);
  });

  it('lets a source outside the set through', async () => {
    const { post } = await serve({ ...webAcl([ipSetRule({ Block: {} })]), Listed: ipSet(['203.0.113.0/24']) });
    expect((await post()).status).toBe(200);
    expect(invoked).toBe(1);
  });

  it('a default Block lets only an Allow rule’s set through', async () => {
    const allowed = await serve({ ...webAcl([ipSetRule({ Allow: {} })], { Block: {} }), Listed: ipSet(['127.0.0.1/32']) });
    expect((await allowed.post()).status).toBe(200);
    const others = await serve({ ...webAcl([ipSetRule({ Allow: {} })], { Block: {} }), Listed: ipSet(['203.0.113.0/24']) });
    expect(await others.post()).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(invoked).toBe(1);
  });
});

const plan = (stage: object | string): CfnResource => ({
  Type: 'AWS::ApiGateway::UsagePlan',
  Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: stage }], Throttle: { RateLimit: 100, BurstLimit: 100 } },
});
const key = (props: object): CfnResource => ({ Type: 'AWS::ApiGateway::ApiKey', Properties: props });
const planKey: CfnResource = { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: { Ref: 'Key' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' } } };

describe('API keys as the template declares them', () => {
  it('accepts the value the template gives, and only it', async () => {
    const { post } = await serve({ Plan: plan({ Ref: 'Stage' }), Key: key({ Enabled: true, Value: 'given-key-value-0123456789' }), PlanKey: planKey }, true);
    expect((await post({ 'x-api-key': 'given-key-value-0123456789' })).status).toBe(200);
    expect(await post({ 'x-api-key': 'given-key-value-012345678' })).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(invoked).toBe(1);
  });

  it('refuses a disabled key (CloudFormation’s Enabled defaults to false) and a key in a plan of another stage', async () => {
    const disabled = await serve({ Plan: plan({ Ref: 'Stage' }), Key: key({ Value: 'disabled-key-value-0123456789' }), PlanKey: planKey }, true);
    expect(await disabled.post({ 'x-api-key': 'disabled-key-value-0123456789' })).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(disabled.logLines.at(-1)).toMatch(/is disabled/);
    const elsewhere = await serve({ Plan: plan('other'), Key: key({ Enabled: true, Value: 'other-stage-key-0123456789' }), PlanKey: planKey }, true);
    expect(await elsewhere.post({ 'x-api-key': 'other-stage-key-0123456789' })).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(invoked).toBe(0);
  });
});

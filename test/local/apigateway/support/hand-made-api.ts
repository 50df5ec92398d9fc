import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiModels, createGateway, type GatewayOptions } from '../../../../local/apigateway/index.js';
import { createLocalStack, type CfnResource, type CfnTemplate, type LocalStack } from '../../../../local/template/index.js';

/** One method of a hand-made REST API: a top-level path part, a verb, and how it is protected. */
export interface HandMadeMethod {
  path: string;
  verb?: string;
  authorizationType?: string;
  /** Logical id of an AWS::ApiGateway::Authorizer of `resources`. */
  authorizer?: string;
}

/**
 * A REST API with stage `v1`, one Lambda function `Fn` behind every method (a
 * Lambda proxy integration), and whatever else a test adds to its resources.
 */
export function handMadeApi(methods: HandMadeMethod[], resources: Record<string, CfnResource> = {}): CfnTemplate {
  const all: Record<string, CfnResource> = {
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'hand-made' } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler' } },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'v1' } },
    ...resources,
  };
  for (const [i, m] of methods.entries()) {
    const resource = `Resource${m.path.replace(/[^A-Za-z0-9]/g, '')}`;
    all[resource] ??= { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: m.path } };
    all[`Method${i}`] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: { Ref: resource },
        HttpMethod: m.verb ?? 'POST',
        AuthorizationType: m.authorizationType ?? 'NONE',
        ...(m.authorizer ? { AuthorizerId: { Ref: m.authorizer } } : {}),
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '/invocations']] },
        },
      },
    };
  }
  return { Resources: all };
}

/** A stack of a hand-made template (no assets: its functions are never run by a real runner). */
export function handMadeStack(template: CfnTemplate): LocalStack {
  return createLocalStack({ stackName: 'HandMade', template, assemblyDir: tmpdir() });
}

/** The gateway of a hand-made stack on a free port; `close()` in afterAll. */
export async function serveGateway(template: CfnTemplate, options: Omit<GatewayOptions, 'stack' | 'api' | 'provider'> & Partial<Pick<GatewayOptions, 'provider'>>) {
  const dir = mkdtempSync(join(tmpdir(), 'wr-hand-made-'));
  const stack = createLocalStack({ stackName: 'HandMade', template, assemblyDir: dir });
  const gateway = createGateway({ stack, api: buildApiModels(stack)[0]!, provider: { jwks: () => ({ keys: [] }), lookupCredentials: () => undefined }, ...options });
  const server: Server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    stack,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    async close() {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

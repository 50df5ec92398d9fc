import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { onlyId, templateFor } from './synth.js';

const templates = Object.fromEntries(AUTH_MODES.map((mode) => [mode, templateFor({ authMode: mode })]));

function postRide(mode: string) {
  const template = templates[mode]!;
  const methods = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'POST' } });
  const entries = Object.values(methods);
  expect(entries).toHaveLength(1);
  return entries[0]!.Properties as Record<string, any>;
}

describe.each(AUTH_MODES)('authMode=%s', (mode) => {
  const template = templates[mode]!;

  it('says its mode in the AuthMode output', () => {
    template.hasOutput('AuthMode', { Value: mode });
  });

  it('wires POST /ride to the ride function as a Lambda proxy integration', () => {
    // By its description: in lambda mode the authorizer is a second function of the same runtime.
    const fn = onlyId(template, 'AWS::Lambda::Function', { Runtime: 'nodejs24.x', Description: 'Books a unicorn ride for POST /ride' });
    expect(postRide(mode).Integration).toMatchObject({
      Type: 'AWS_PROXY',
      IntegrationHttpMethod: 'POST',
      Uri: { 'Fn::Join': ['', expect.arrayContaining([{ 'Fn::GetAtt': [fn, 'Arn'] }])] },
    });
  });
});

describe('how POST /ride is protected', () => {
  it('none: open, and no authorizer exists', () => {
    expect(postRide('none').AuthorizationType).toBe('NONE');
    templates.none!.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
  });

  it('cognito: a user-pool authorizer reading the Authorization header of this pool', () => {
    const template = templates.cognito!;
    const pool = onlyId(template, 'AWS::Cognito::UserPool');
    const authorizer = onlyId(template, 'AWS::ApiGateway::Authorizer');
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [pool, 'Arn'] }],
    });
    expect(postRide('cognito')).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: authorizer } });
  });

  it('iam: AWS_IAM, and no authorizer exists', () => {
    expect(postRide('iam').AuthorizationType).toBe('AWS_IAM');
    expect(postRide('iam').AuthorizerId).toBeUndefined();
    templates.iam!.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
  });

  it('the CORS preflight is never behind an authorizer', () => {
    for (const mode of AUTH_MODES) {
      templates[mode]!.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' });
    }
  });

  it('an unknown authMode fails synth with the list of valid values', () => {
    expect(() => templateFor({ authMode: 'apikey' })).toThrow('Unknown authMode "apikey". Valid values: none, cognito, iam');
  });

  it('an absent authMode means cognito', () => {
    templateFor({}).hasOutput('AuthMode', { Value: 'cognito' });
  });
});

describe('outputs', () => {
  it.each(AUTH_MODES)('%s: every value a client needs', (mode) => {
    const outputs = templates[mode]!.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(['ApiTokenUse', 'ApiUrl', 'AuthMode', 'IdentityPoolId', 'Region', 'RiderFilesBucket', 'RiderRoleArn', 'UserPoolClientId', 'UserPoolDomainUrl', 'UserPoolId', 'WebsiteUrl']);
    expect(outputs.Region!.Value).toEqual({ Ref: 'AWS::Region' });
    const apiUrl = JSON.stringify(outputs.ApiUrl!.Value);
    expect(apiUrl).toMatch(/^\{"Fn::Join":\["",\["https:\/\/",\{"Ref":"[^"]+"\},"\.execute-api\."/);
    // ...and ends with the stage path, as the website and curl expect.
    expect(apiUrl).toMatch(/"\/",\{"Ref":"[^"]+"\},"\/"\]\]\}$/);
    expect(JSON.stringify(outputs.WebsiteUrl!.Value)).toMatch(/https:\/\/.*DomainName/);
  });

  it('ApiUrl points at the prod stage', () => {
    const template = templates.iam!;
    const stage = onlyId(template, 'AWS::ApiGateway::Stage', { StageName: 'prod' });
    template.hasOutput('ApiUrl', { Value: { 'Fn::Join': ['', Match.arrayWith([{ Ref: stage }, '/'])] } });
  });
});

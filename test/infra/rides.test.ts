import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { onlyId, templateFor } from './synth.js';

const template = templateFor({ authMode: 'cognito' });
const resources = template.toJSON().Resources as Record<string, any>;
const AMPLIFY_HEADERS = ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-User-Agent'];

describe('rides table', () => {
  it('is keyed by RideId, on demand, with point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'RideId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('is deleted with the stack by default (nothing billable left), retained when asked', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) expect(group.DeletionPolicy).toBe('Delete');

    const retained = templateFor({ retainData: 'true' });
    retained.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
    retained.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }) });
  });
});

describe('ride function', () => {
  const fn = onlyId(template, 'AWS::Lambda::Function', { Runtime: 'nodejs24.x', Description: 'Books a unicorn ride for POST /ride' });
  const props = resources[fn].Properties;
  const table = onlyId(template, 'AWS::DynamoDB::Table');

  it('runs Node.js 24 on ARM64 with its table name from the stack', () => {
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
    expect(props.Environment.Variables).toEqual({
      TABLE_NAME: { Ref: table },
      ALLOWED_ORIGINS: '*',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(props.Timeout).toBe(10);
  });

  it('logs as JSON to its own log group with a retention', () => {
    const group = props.LoggingConfig.LogGroup.Ref;
    expect(props.LoggingConfig.LogFormat).toBe('JSON');
    expect(resources[group].Properties.RetentionInDays).toBe(30);
  });
});

describe('REST API', () => {
  it('has a prod stage with throttling and, with -c accessLogs=true, JSON access logs', () => {
    const logged = templateFor({ authMode: 'cognito', accessLogs: 'true' });
    const logs = Object.keys(logged.findResources('AWS::Logs::LogGroup'));
    logged.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: [Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 })],
      // logGroupDestinationArnWithoutWildcard: the log group's ARN without the trailing ":*" that GetAtt Arn carries.
      AccessLogSetting: {
        DestinationArn: { 'Fn::Join': ['', Match.arrayWith([':log-group:', { Ref: Match.anyValue() }])] },
        Format: Match.stringLikeRegexp('"status":"\\$context.status"'),
      },
    });
    const stage = Object.values(logged.findResources('AWS::ApiGateway::Stage'))[0]!;
    const parts = stage.Properties.AccessLogSetting.DestinationArn['Fn::Join'][1] as unknown[];
    expect(logs).toContain((parts[parts.length - 1] as { Ref: string }).Ref);
  });

  it('turns on no stage logging by default, so a fresh account (no API Gateway CloudWatch role) can deploy it', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 })],
    });
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0]!;
    expect(stage.Properties.AccessLogSetting).toBeUndefined();
    for (const setting of stage.Properties.MethodSettings) {
      expect(setting.LoggingLevel ?? 'OFF').toBe('OFF');
      expect(setting.DataTraceEnabled ?? false).toBe(false);
    }
    // Nor does it take over the account-wide setting: no AWS::ApiGateway::Account, no role for API Gateway.
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    const apiGatewayRoles = Object.values(template.findResources('AWS::IAM::Role')).filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('apigateway.amazonaws.com'),
    );
    expect(apiGatewayRoles).toEqual([]);
  });

  it('has /ride with POST and a CORS preflight (the read methods: test/infra/authorization.test.ts)', () => {
    const ride = onlyId(template, 'AWS::ApiGateway::Resource', { PathPart: 'ride' });
    const verbs = Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { ResourceId: { Ref: ride } } })).map((m) => m.Properties.HttpMethod).sort();
    expect(verbs).toEqual(['OPTIONS', 'POST']);
  });

  it('answers the preflight with the headers Amplify sends, POST, and any origin by default', () => {
    const options = Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }))[0]!;
    expect(options.Properties.Integration.Type).toBe('MOCK');
    const params = options.Properties.Integration.IntegrationResponses[0].ResponseParameters;
    expect(params['method.response.header.Access-Control-Allow-Headers']).toBe(`'${AMPLIFY_HEADERS.join(',')}'`);
    expect(params['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
    expect(params['method.response.header.Access-Control-Allow-Methods']).toBe("'OPTIONS,POST'");
  });

  it('takes its allowed origin from the allowedOrigins context flag', () => {
    const strict = templateFor({ allowedOrigins: 'https://rides.example' });
    const options = Object.values(strict.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }))[0]!;
    expect(options.Properties.Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe(
      "'https://rides.example'",
    );
    strict.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://rides.example'" }),
    });
    strict.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ ALLOWED_ORIGINS: 'https://rides.example' }) } });
  });

  it.each(['DEFAULT_4XX', 'DEFAULT_5XX'])('%s gateway responses carry CORS headers so browsers can read 401/403', (type) => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      ResponseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
        'gatewayresponse.header.Access-Control-Allow-Headers': `'${AMPLIFY_HEADERS.join(',')}'`,
        'gatewayresponse.header.Access-Control-Expose-Headers': "'x-amzn-RequestId,x-amz-apigw-id'",
      },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { JWT_SHAPE } from '../../lib/auth-modes/lambda.js';
import { idsOf, onlyId, templateFor } from './synth.js';

const template = templateFor({ authMode: 'lambda' });
const AUTHORIZER_DESCRIPTION = "Verifies the rider's Cognito ID token for POST /ride and returns a policy";

describe('authMode=lambda: a Lambda TOKEN authorizer on POST /ride', () => {
  const authorizerFn = onlyId(template, 'AWS::Lambda::Function', { Description: AUTHORIZER_DESCRIPTION });
  const authorizer = onlyId(template, 'AWS::ApiGateway::Authorizer');
  const api = onlyId(template, 'AWS::ApiGateway::RestApi');

  it('reads the Authorization header, checks a JWT shape, caches for 300 s by default', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      IdentityValidationExpression: JWT_SHAPE,
      AuthorizerResultTtlInSeconds: 300,
    });
    const props = template.findResources('AWS::ApiGateway::Authorizer')[authorizer]!.Properties;
    expect(JSON.stringify(props.AuthorizerUri)).toContain(JSON.stringify({ 'Fn::GetAtt': [authorizerFn, 'Arn'] }));
    const post = Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'POST' } }))[0]!;
    expect(post.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizer } });
  });

  it('the JWT shape admits a token and refuses a Bearer prefix or a two-part value', () => {
    const shape = new RegExp(JWT_SHAPE);
    expect(shape.test('eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl')).toBe(true);
    expect(shape.test('Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl')).toBe(false);
    expect(shape.test('eyJhbGciOi.eyJzdWIiOi')).toBe(false);
  });

  it('-c authorizerCacheTtl sets the TTL; 0 turns the cache off', () => {
    for (const ttl of [0, 3600]) {
      templateFor({ authMode: 'lambda', authorizerCacheTtl: String(ttl) }).hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: ttl });
    }
  });

  it.each(['-1', '3601', '5m', '1.5'])('-c authorizerCacheTtl=%s is refused at synth with the valid range', (value) => {
    expect(() => templateFor({ authMode: 'lambda', authorizerCacheTtl: value })).toThrow(/authorizerCacheTtl: expected whole seconds from 0 \(no cache\) to 3600/);
  });

  it('the function verifies against the stack\'s pool and app client', () => {
    const pool = onlyId(template, 'AWS::Cognito::UserPool');
    const client = onlyId(template, 'AWS::Cognito::UserPoolClient');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: AUTHORIZER_DESCRIPTION,
      Environment: { Variables: { USER_POOL_ID: { Ref: pool }, USER_POOL_CLIENT_ID: { Ref: client } } },
    });
  });

  it('API Gateway may invoke it only as this API\'s authorizer (SourceArn …/authorizers/<id>)', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission', { Properties: { FunctionName: { 'Fn::GetAtt': [authorizerFn, 'Arn'] } } }));
    expect(permissions).toHaveLength(1);
    const props = permissions[0]!.Properties;
    expect(props.Principal).toBe('apigateway.amazonaws.com');
    const sourceArn = JSON.stringify(props.SourceArn);
    expect(sourceArn).toContain(`{"Ref":"${api}"}`);
    expect(sourceArn).toContain('/authorizers/');
    expect(sourceArn).toContain(`{"Ref":"${authorizer}"}`);
  });

  it('its role writes its own log group and nothing else', () => {
    const fn = template.findResources('AWS::Lambda::Function')[authorizerFn]!;
    const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const logGroup = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${role}"`));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } },
    ]);
    const roleProps = template.findResources('AWS::IAM::Role')[role]!.Properties;
    expect(roleProps.ManagedPolicyArns).toBeUndefined();
  });

  it('the stack creates the Cognito group "suspended" in the riders\' pool', () => {
    const pool = onlyId(template, 'AWS::Cognito::UserPool');
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'suspended', UserPoolId: { Ref: pool } });
    // And "dispatchers" (test/infra/authorization.test.ts); no other.
    expect(idsOf(template, 'AWS::Cognito::UserPoolGroup')).toHaveLength(2);
  });
});

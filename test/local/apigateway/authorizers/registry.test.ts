import { describe, expect, it } from 'vitest';
import { AUTHORIZER_KINDS, authorizerKind, SUPPORTED_AUTHORIZATION_TYPES } from '../../../../local/apigateway/authorizers/index.js';
import { buildApiModels, type CognitoAuthorizerModel } from '../../../../local/apigateway/index.js';
import { TemplateError } from '../../../../local/template/index.js';
import { handMadeApi, handMadeStack } from '../support/hand-made-api.js';

/**
 * The one list of authorization types (authorizers/index.ts) is what the
 * template is checked against at start: anything else is refused by name.
 */
const cognitoAuthorizer = (props: Record<string, unknown> = {}) => ({
  Type: 'AWS::ApiGateway::Authorizer',
  Properties: {
    RestApiId: { Ref: 'Api' },
    Name: 'Riders',
    Type: 'COGNITO_USER_POOLS',
    IdentitySource: 'method.request.header.Authorization',
    ProviderARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Riders'],
    ...props,
  },
});
const models = (template: ReturnType<typeof handMadeApi>) => buildApiModels(handMadeStack(template));

describe('the list of authorization types', () => {
  it('serves NONE, AWS_IAM, COGNITO_USER_POOLS and CUSTOM (Lambda TOKEN / REQUEST), one entry each', () => {
    expect(SUPPORTED_AUTHORIZATION_TYPES).toEqual(['NONE', 'AWS_IAM', 'COGNITO_USER_POOLS', 'CUSTOM']);
    expect(AUTHORIZER_KINDS.map((k) => k.authorizerTypes)).toEqual([[], [], ['COGNITO_USER_POOLS'], ['TOKEN', 'REQUEST']]);
    expect(authorizerKind('CUSTOM', 'TOKEN')?.authorizationType).toBe('CUSTOM');
    expect(authorizerKind('CUSTOM', 'COGNITO_USER_POOLS')).toBeUndefined();
    expect(authorizerKind('COGNITO_USER_POOLS', 'COGNITO_USER_POOLS')?.authorizationType).toBe('COGNITO_USER_POOLS');
    expect(authorizerKind('COGNITO_USER_POOLS')).toBeUndefined(); // it needs its authorizer resource
    expect(authorizerKind('AWS_IAM', 'COGNITO_USER_POOLS')).toBeUndefined();
  });

  it('reads a Cognito authorizer: its pools and its header, lower case', () => {
    const [api] = models(handMadeApi([{ path: 'ride', authorizationType: 'COGNITO_USER_POOLS', authorizer: 'Auth' }], { Auth: cognitoAuthorizer({ IdentitySource: 'method.request.header.X-Token' }) }));
    const method = api!.root.children[0]!.methods.get('POST')!;
    const authorizer = method.authorizer as CognitoAuthorizerModel;
    expect(authorizer).toMatchObject({ logicalId: 'Auth', name: 'Riders', type: 'COGNITO_USER_POOLS', userPoolIds: ['us-east-1_Riders'], identityHeader: 'x-token' });
  });
});

describe('what the local cloud refuses at start, by name', () => {
  it('an authorizer of a type not in the list', () => {
    const template = handMadeApi([{ path: 'ride' }], { Auth: { Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: { Ref: 'Api' }, Type: 'MAGIC' } } });
    expect(() => models(template)).toThrow(TemplateError);
    expect(() => models(template)).toThrow('Authorizer Auth is of type MAGIC; the local cloud serves COGNITO_USER_POOLS, TOKEN, REQUEST authorizers');
  });

  it('a Lambda authorizer whose function is not of the stack, or that reads a TOKEN from a query string', () => {
    const lambdaAuthorizer = (props: Record<string, unknown>) => ({ Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: { Ref: 'Api' }, Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', AuthorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:elsewhere/invocations', ...props } });
    expect(() => models(handMadeApi([{ path: 'ride' }], { Auth: lambdaAuthorizer({}) }))).toThrow(/^Authorizer Auth calls arn:aws:apigateway:.*elsewhere\/invocations, which is not a Lambda function of this stack$/);
    expect(() => models(handMadeApi([{ path: 'ride' }], { Auth: lambdaAuthorizer({ IdentitySource: 'method.request.querystring.token' }) }))).toThrow('Authorizer Auth (TOKEN) reads method.request.querystring.token; the local cloud serves method.request.header.*');
  });

  it('a method with an authorization type not in the list', () => {
    expect(() => models(handMadeApi([{ path: 'ride', authorizationType: 'MAGIC' }]))).toThrow('Method Method0 uses authorization MAGIC, which the local cloud does not serve');
  });

  it('a CUSTOM method without its Lambda authorizer', () => {
    expect(() => models(handMadeApi([{ path: 'ride', authorizationType: 'CUSTOM' }]))).toThrow('Method Method0 names an authorizer that is not in Api');
  });

  it('a Cognito method without its authorizer, or with one of another API', () => {
    expect(() => models(handMadeApi([{ path: 'ride', authorizationType: 'COGNITO_USER_POOLS' }]))).toThrow('Method Method0 names an authorizer that is not in Api');
  });

  it('a Cognito authorizer that reads its token from elsewhere than a header', () => {
    const template = handMadeApi([{ path: 'ride', authorizationType: 'COGNITO_USER_POOLS', authorizer: 'Auth' }], { Auth: cognitoAuthorizer({ IdentitySource: 'method.request.querystring.token' }) });
    expect(() => models(template)).toThrow('Authorizer Auth reads its token from method.request.querystring.token; only method.request.header.* is supported');
  });

  it('a method that requires an API key is served now (issue 11: usage plans), and says so in its model', () => {
    const template = handMadeApi([{ path: 'ride' }]);
    template.Resources.Method0!.Properties!.ApiKeyRequired = true;
    expect(models(template)[0]!.root.children[0]!.methods.get('POST')!.apiKeyRequired).toBe(true);
  });
});

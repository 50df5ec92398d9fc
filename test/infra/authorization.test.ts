import { describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { onlyId, templateFor } from './synth.js';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** Every statement of every policy attached to a role (inline or AWS::IAM::Policy). */
function statementsOf(resources: Resources, role: string): any[] {
  const statements: any[] = [...(resources[role]!.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement)];
  expect(resources[role]!.Properties.ManagedPolicyArns ?? []).toEqual([]);
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    if ((resource.Properties.Roles ?? []).some((r: unknown) => JSON.stringify(r) === JSON.stringify({ Ref: role }))) statements.push(...resource.Properties.PolicyDocument.Statement);
  }
  return statements;
}

/**
 * What the template says about authorization (issue 12): the read methods and
 * how each mode protects them, the indexes they read, what each function's role
 * may do, the dispatchers' group, role and role mapping.
 */
describe.each(AUTH_MODES)('authMode=%s', (mode) => {
  const template = templateFor({ authMode: mode });
  const resources = template.toJSON().Resources as Resources;
  const api = onlyId(template, 'AWS::ApiGateway::RestApi');
  const table = onlyId(template, 'AWS::DynamoDB::Table');
  const methodOf = (resourceId: string, verb: string) => {
    const found = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === verb && JSON.stringify(r.Properties.ResourceId) === JSON.stringify({ Ref: resourceId }));
    expect(found).toHaveLength(1);
    return found[0]!.Properties;
  };
  const resourceId = (pathPart: string, parentPathPart?: string) => {
    const ids = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ApiGateway::Resource' && r.Properties.PathPart === pathPart).map(([id]) => id);
    const matching = parentPathPart === undefined ? ids.filter((id) => JSON.stringify(resources[id]!.Properties.ParentId).includes('RootResourceId')) : ids.filter((id) => resources[resources[id]!.Properties.ParentId.Ref]?.Properties.PathPart === parentPathPart);
    expect(matching).toHaveLength(1);
    return matching[0]!;
  };
  const rides = resourceId('rides');
  const oneRide = resourceId('{rideId}', 'rides');
  const dispatchRides = resourceId('rides', 'dispatch');
  const post = methodOf(resourceId('ride'), 'POST');

  it.each([
    ['GET /rides', rides],
    ['GET /rides/{rideId}', oneRide],
    ['GET /dispatch/rides', dispatchRides],
  ])('%s is protected exactly as POST /ride (authorization type, authorizer, API key), with a CORS preflight', (_, id) => {
    const method = methodOf(id, 'GET');
    expect(method.AuthorizationType).toBe(post.AuthorizationType);
    expect(method.AuthorizerId).toEqual(post.AuthorizerId);
    expect(method.ApiKeyRequired).toEqual(post.ApiKeyRequired);
    expect(method.Integration.Type).toBe('AWS_PROXY');
    const preflight = methodOf(id, 'OPTIONS');
    expect(preflight.AuthorizationType).toBe('NONE');
    expect(preflight.Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Methods']).toBe("'OPTIONS,GET'");
  });

  it('the table answers "a rider\'s rides" and "every ride", newest first, by Query on two indexes; its key is unchanged', () => {
    const props = resources[table]!.Properties;
    expect(props.KeySchema).toEqual([{ AttributeName: 'RideId', KeyType: 'HASH' }]);
    expect(props.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'ByRider', KeySchema: [{ AttributeName: 'User', KeyType: 'HASH' }, { AttributeName: 'RequestTime', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'ByTime', KeySchema: [{ AttributeName: 'Feed', KeyType: 'HASH' }, { AttributeName: 'RequestTime', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
    ]);
  });

  const functionFor = (id: string) => {
    const uri = JSON.stringify(methodOf(id, 'GET').Integration.Uri);
    const fn = Object.keys(resources).find((key) => resources[key]!.Type === 'AWS::Lambda::Function' && uri.includes(`"${key}","Arn"`));
    expect(fn).toBeDefined();
    return resources[fn!]!;
  };
  const dataStatements = (id: string) => statementsOf(resources, functionFor(id).Properties.Role['Fn::GetAtt'][0]).filter((s) => String(s.Action).startsWith('dynamodb:') || (Array.isArray(s.Action) && s.Action[0].startsWith('dynamodb:')));
  const index = (name: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, `/index/${name}`]] });

  it('each read function\'s role holds exactly what its operation reads', () => {
    expect(dataStatements(rides)).toEqual([{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: index('ByRider') }]);
    expect(dataStatements(oneRide)).toEqual([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': [table, 'Arn'] } }]);
    expect(dataStatements(dispatchRides)).toEqual([{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: index('ByTime') }]);
    expect(functionFor(dispatchRides).Properties.Environment.Variables).toMatchObject({ INDEX_NAME: 'ByTime', AUTH_MODE: mode });
    expect(functionFor(rides).Properties.Environment.Variables).toMatchObject({ INDEX_NAME: 'ByRider' });
  });

  it('the "dispatchers" group carries the dispatchers\' role, which may invoke the rider methods and GET /dispatch/rides only', () => {
    const pool = onlyId(template, 'AWS::Cognito::UserPool');
    const group = onlyId(template, 'AWS::Cognito::UserPoolGroup', { GroupName: 'dispatchers' });
    const props = resources[group]!.Properties;
    expect(props.UserPoolId).toEqual({ Ref: pool });
    expect(props.Precedence).toBe(1);
    const role = props.RoleArn['Fn::GetAtt'][0];
    const arn = (path: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: api }, path]],
    });
    const statements = statementsOf(resources, role);
    expect(statements).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: expect.any(Array) }]);
    expect(statements[0].Resource).toHaveLength(4);
    expect(statements[0].Resource).toEqual(expect.arrayContaining([arn('/prod/POST/ride'), arn('/prod/GET/rides'), arn('/prod/GET/rides/*'), arn('/prod/GET/dispatch/rides')]));
    const identityPool = onlyId(template, 'AWS::Cognito::IdentityPool');
    expect(resources[role]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: identityPool } }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
      },
    ]);
  });

  it('the identity pool chooses the role from the token (Token mapping), the riders\' role when the token names none', () => {
    const attachment = Object.values(template.findResources('AWS::Cognito::IdentityPoolRoleAttachment'))[0]!.Properties;
    const pool = onlyId(template, 'AWS::Cognito::UserPool');
    const client = onlyId(template, 'AWS::Cognito::UserPoolClient');
    expect(Object.values(attachment.RoleMappings)).toEqual([
      {
        Type: 'Token',
        AmbiguousRoleResolution: 'AuthenticatedRole',
        IdentityProvider: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [pool, 'ProviderName'] }, ':', { Ref: client }]] },
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { onlyId, templateFor } from './synth.js';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** Every statement of every policy (inline, AWS::IAM::Policy, managed) that applies to a role. */
function statementsOf(resources: Resources, role: string): any[] {
  const statements: any[] = [];
  const roleProps = resources[role]!.Properties;
  expect(roleProps.ManagedPolicyArns ?? []).toEqual([]);
  for (const policy of roleProps.Policies ?? []) statements.push(...policy.PolicyDocument.Statement);
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
    if ((resource.Properties.Roles ?? []).some((r: unknown) => JSON.stringify(r) === JSON.stringify({ Ref: role }))) {
      statements.push(...resource.Properties.PolicyDocument.Statement);
    }
  }
  return statements;
}

describe.each(AUTH_MODES)('authMode=%s', (mode) => {
  const template = templateFor({ authMode: mode });
  const resources = template.toJSON().Resources as Resources;
  const api = onlyId(template, 'AWS::ApiGateway::RestApi');

  it('the riders\' role may invoke exactly POST /ride, GET /rides and GET /rides/* of this API on the prod stage, and use its own prefixes of the riders\' files (test/infra/rider-files.test.ts), nothing else', () => {
    const attachment = Object.values(template.findResources('AWS::Cognito::IdentityPoolRoleAttachment'))[0]!;
    const role = attachment.Properties.Roles.authenticated['Fn::GetAtt'][0];
    const arn = (path: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: api }, path]],
    });
    const statements = statementsOf(resources, role);
    expect(statements.filter((s) => s.Sid !== undefined).map((s) => s.Sid)).toEqual(['OwnPrivateFiles', 'WriteOwnProtectedFiles', 'ReadEveryRidersProtectedFiles', 'ListOwnPrefixes']);
    const invoke = statements.filter((s) => s.Sid === undefined);
    expect(invoke).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: expect.any(Array) }]);
    // CDK sorts a statement's resources; the set is what matters.
    expect(invoke[0].Resource).toHaveLength(3);
    expect(invoke[0].Resource).toEqual(expect.arrayContaining([arn('/prod/POST/ride'), arn('/prod/GET/rides'), arn('/prod/GET/rides/*')]));
  });

  it('the function may put rides in its table and write its own logs, nothing more', () => {
    const fn = onlyId(template, 'AWS::Lambda::Function', { Runtime: 'nodejs24.x', Description: 'Books a unicorn ride for POST /ride' });
    const role = resources[fn]!.Properties.Role['Fn::GetAtt'][0];
    const table = onlyId(template, 'AWS::DynamoDB::Table');
    const logGroup = resources[fn]!.Properties.LoggingConfig.LogGroup.Ref;
    const statements = statementsOf(resources, role);
    expect(statements).toHaveLength(2);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': [table, 'Arn'] } });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
    });
    expect(resources[role]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it('API Gateway may invoke the function only for POST /ride of this API', () => {
    // The ride function's permissions (lambda mode adds one for its authorizer function: test/infra/lambda-mode.test.ts).
    const fn = onlyId(template, 'AWS::Lambda::Function', { Description: 'Books a unicorn ride for POST /ride' });
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission', { Properties: { FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] } } }));
    expect(permissions).toHaveLength(1);
    const sourceArn = JSON.stringify(permissions[0]!.Properties.SourceArn);
    expect(sourceArn).toContain(`{"Ref":"${api}"}`);
    expect(sourceArn).toMatch(/"\/",\{"Ref":"[^"]+"\},"\/POST\/ride"\]\]\}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluatePolicies, policiesForRole, roleLogicalIdByArn, wildcardMatch, type PolicyDocument } from '../../../local/iam/index.js';
import { createLocalStack } from '../../../local/template/index.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/POST/ride';
const allow = (Resource: string | string[], Action: string | string[] = 'execute-api:Invoke'): PolicyDocument => ({ Statement: [{ Effect: 'Allow', Action, Resource }] });

describe('IAM policy evaluation', () => {
  it('matches * and ? wildcards, and nothing else as a pattern', () => {
    expect(wildcardMatch('arn:*:abc123/*/POST/ride', ARN)).toBe(true);
    expect(wildcardMatch('arn:aws:execute-api:us-east-1:123456789012:abc12?/prod/POST/ride', ARN)).toBe(true);
    expect(wildcardMatch('arn:aws:execute-api:us-east-1:123456789012:abc123/prod/POST/rid', ARN)).toBe(false);
    expect(wildcardMatch('arn.aws.execute-api.*', ARN)).toBe(false);
  });

  it('allows only what a statement covers', () => {
    expect(evaluatePolicies([allow(ARN)], 'execute-api:Invoke', ARN)).toBe('Allow');
    expect(evaluatePolicies([allow(ARN)], 'execute-api:Invoke', ARN.replace('/ride', '/rides'))).toBe('ImplicitDeny');
    expect(evaluatePolicies([allow(ARN, 'execute-api:ManageConnections')], 'execute-api:Invoke', ARN)).toBe('ImplicitDeny');
    expect(evaluatePolicies([allow('*', 'EXECUTE-API:*')], 'execute-api:Invoke', ARN)).toBe('Allow');
    expect(evaluatePolicies([], 'execute-api:Invoke', ARN)).toBe('ImplicitDeny');
  });

  it('lets an explicit Deny win over any Allow', () => {
    const deny: PolicyDocument = { Statement: { Effect: 'Deny', Action: 'execute-api:*', Resource: 'arn:aws:execute-api:*:*:*/prod/*' } };
    expect(evaluatePolicies([allow('*'), deny], 'execute-api:Invoke', ARN)).toBe('ExplicitDeny');
  });

  it('reads NotAction and NotResource', () => {
    expect(evaluatePolicies([{ Statement: [{ Effect: 'Allow', NotAction: 's3:*', Resource: ARN }] }], 'execute-api:Invoke', ARN)).toBe('Allow');
    expect(evaluatePolicies([{ Statement: [{ Effect: 'Allow', Action: '*', NotResource: ARN }] }], 'execute-api:Invoke', ARN)).toBe('ImplicitDeny');
  });

  it('never grants through a condition it cannot check, and always denies through one', () => {
    const conditional = { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } };
    expect(evaluatePolicies([{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', ...conditional }] }], 'execute-api:Invoke', ARN)).toBe('ImplicitDeny');
    expect(evaluatePolicies([allow('*'), { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', ...conditional }] }], 'execute-api:Invoke', ARN)).toBe('ExplicitDeny');
  });
});

describe('a role’s policies from the template', () => {
  const stack = createLocalStack({
    stackName: 'PolicyTest',
    assemblyDir: '/nowhere',
    template: {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'x' } },
        Rider: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {},
            Policies: [{ PolicyName: 'inline', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: { 'Fn::Join': ['', ['arn:aws:execute-api:us-east-1:123456789012:', { Ref: 'Api' }, '/prod/GET/a']] } }] } }],
            ManagedPolicyArns: [{ Ref: 'Managed' }, 'arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess'],
          },
        },
        Other: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        Attached: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'Rider' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/POST/ride' } }] } } },
        Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*/prod/DELETE/*' }] } } },
        Elsewhere: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'q', Roles: [{ Ref: 'Other' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } },
      },
    },
  });
  const api = stack.physicalId('Api');
  const arn = (verb: string, path: string) => `arn:aws:execute-api:us-east-1:123456789012:${api}/prod/${verb}/${path}`;

  it('finds the role by the ARN credentials carry, and collects inline, attached and managed policies with references resolved', () => {
    const roleId = roleLogicalIdByArn(stack, stack.attribute('Rider', 'Arn'));
    expect(roleId).toBe('Rider');
    const policies = policiesForRole(stack, roleId!);
    expect(policies).toHaveLength(3);
    expect(evaluatePolicies(policies, 'execute-api:Invoke', arn('GET', 'a'))).toBe('Allow');
    expect(evaluatePolicies(policies, 'execute-api:Invoke', arn('POST', 'ride'))).toBe('Allow');
    expect(evaluatePolicies(policies, 'execute-api:Invoke', arn('PUT', 'ride'))).toBe('ImplicitDeny');
    // A policy attached to another role grants this one nothing.
    expect(evaluatePolicies(policies, 'execute-api:Invoke', arn('GET', 'b'))).toBe('ImplicitDeny');
  });
});

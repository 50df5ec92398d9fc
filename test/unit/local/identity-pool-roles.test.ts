import { describe, expect, it } from 'vitest';
import { mappedRole, roleMappingsOf, type RoleMapping } from '../../../local/cognito/identity-pool-roles.js';

const DEFAULT = 'arn:aws:iam::123456789012:role/Authenticated';
const A = 'arn:aws:iam::123456789012:role/A';
const B = 'arn:aws:iam::123456789012:role/B';
const token = (ambiguous: RoleMapping['ambiguousRoleResolution']): RoleMapping => ({ identityProvider: 'p:c', type: 'Token', ambiguousRoleResolution: ambiguous, rules: [] });

describe('Token role mapping', () => {
  it('takes cognito:preferred_role, else the only cognito:roles entry', () => {
    expect(mappedRole(token('Deny'), { 'cognito:roles': [A, B], 'cognito:preferred_role': B }, DEFAULT)).toBe(B);
    expect(mappedRole(token('Deny'), { 'cognito:roles': [A] }, DEFAULT)).toBe(A);
  });

  it('no role, or several without a preferred one: the authenticated role, or for Deny NotAuthorizedException', () => {
    for (const claims of [{}, { 'cognito:roles': [A, B] }]) {
      expect(mappedRole(token('AuthenticatedRole'), claims, DEFAULT)).toBe(DEFAULT);
      expect(() => mappedRole(token('Deny'), claims, DEFAULT)).toThrow(expect.objectContaining({ name: 'NotAuthorizedException', message: 'The ambiguous role mapping rules denied this request.' }));
    }
  });
});

describe('Rules role mapping', () => {
  const rules: RoleMapping = {
    identityProvider: 'p:c',
    type: 'Rules',
    ambiguousRoleResolution: 'Deny',
    rules: [
      { claim: 'cognito:groups', matchType: 'Contains', value: 'dispatch', roleArn: A },
      { claim: 'email', matchType: 'StartsWith', value: 'ops@', roleArn: B },
      { claim: 'custom:tier', matchType: 'NotEqual', value: 'basic', roleArn: DEFAULT },
    ],
  };

  it('the first rule whose claim matches gives the role; array claims match by member', () => {
    expect(mappedRole(rules, { 'cognito:groups': ['staff', 'dispatchers'], email: 'ops@x' }, DEFAULT)).toBe(A);
    expect(mappedRole(rules, { email: 'ops@x' }, DEFAULT)).toBe(B);
    expect(mappedRole(rules, { 'custom:tier': 'gold' }, DEFAULT)).toBe(DEFAULT);
    expect(() => mappedRole(rules, { 'custom:tier': 'basic' }, DEFAULT)).toThrow(/ambiguous role mapping rules denied/);
  });

  it('reads RoleMappings as the template writes them, leaving out entries CloudFormation would refuse', () => {
    expect(
      roleMappingsOf({
        web: { Type: 'Rules', AmbiguousRoleResolution: 'Deny', IdentityProvider: 'p:c', RulesConfiguration: { Rules: [{ Claim: 'email', MatchType: 'Equals', Value: 'a@b', RoleARN: A }, { Claim: 'x', MatchType: 'Like', Value: 'y', RoleARN: B }] } },
        other: { Type: 'Token', IdentityProvider: 'q:d' },
        broken: { Type: 'Guess', IdentityProvider: 'r:e' },
      }),
    ).toEqual([
      { identityProvider: 'p:c', type: 'Rules', ambiguousRoleResolution: 'Deny', rules: [{ claim: 'email', matchType: 'Equals', value: 'a@b', roleArn: A }] },
      { identityProvider: 'q:d', type: 'Token', ambiguousRoleResolution: 'AuthenticatedRole', rules: [] },
    ]);
  });
});

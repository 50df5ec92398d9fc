import { describe, expect, it } from 'vitest';
import { groupsIn, mayDispatch } from '../../../lambda/dispatch-rides/may-dispatch.js';

const ctx = (partial: Record<string, unknown>) => partial as never;

describe('who may list every ride', () => {
  it('reads groups as API Gateway passes them: a Cognito authorizer\'s "[a b]", a Lambda authorizer\'s "a,b"', () => {
    expect(groupsIn('[staff dispatchers]')).toEqual(['staff', 'dispatchers']);
    expect(groupsIn('dispatchers,staff')).toEqual(['dispatchers', 'staff']);
    expect(groupsIn('')).toEqual([]);
    expect(groupsIn(undefined)).toEqual([]);
  });

  it('cognito: only with "dispatchers" in cognito:groups', () => {
    expect(mayDispatch(ctx({ authorizer: { claims: { sub: 's', 'cognito:groups': '[dispatchers]' } } }), 'cognito')).toBe(true);
    expect(mayDispatch(ctx({ authorizer: { claims: { sub: 's', 'cognito:groups': '[dispatchers-old]' } } }), 'cognito')).toBe(false);
    expect(mayDispatch(ctx({ authorizer: { claims: { sub: 's' } } }), 'cognito')).toBe(false);
    // A Lambda-authorizer-shaped context is no proof in cognito mode.
    expect(mayDispatch(ctx({ authorizer: { principalId: 's', groups: 'dispatchers' } }), 'cognito')).toBe(false);
  });

  it('lambda: the authorizer\'s groups; iam: a signer API Gateway let through; none: open; anything else: no', () => {
    expect(mayDispatch(ctx({ authorizer: { principalId: 's', groups: 'staff,dispatchers' } }), 'lambda')).toBe(true);
    expect(mayDispatch(ctx({ authorizer: { principalId: 's', groups: '' } }), 'lambda')).toBe(false);
    expect(mayDispatch(ctx({ identity: { cognitoIdentityId: 'us-east-1:x' } }), 'iam')).toBe(true);
    expect(mayDispatch(ctx({ identity: {} }), 'iam')).toBe(false);
    expect(mayDispatch(undefined, 'none')).toBe(true);
    expect(mayDispatch(ctx({ authorizer: { claims: { 'cognito:groups': '[dispatchers]' } } }), 'sso')).toBe(false);
  });
});

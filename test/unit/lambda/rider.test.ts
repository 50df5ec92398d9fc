import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { riderOf } from '../../../lambda/ride/rider.js';

type Ctx = APIGatewayProxyEvent['requestContext'];
const ctx = (partial: Record<string, unknown>) => partial as unknown as Ctx;

describe('riderOf', () => {
  it('names the user-pool user from the Cognito authorizer claims', () => {
    expect(riderOf(ctx({ authorizer: { claims: { 'cognito:username': 'a1b2', sub: 'a1b2' } }, identity: {} }))).toEqual({
      id: 'a1b2',
      source: 'cognito-user-pool',
    });
  });

  it('names the user of an access token (methods that require scopes), whose claims have username, not cognito:username', () => {
    expect(riderOf(ctx({ authorizer: { claims: { username: 'a1b2', token_use: 'access', scope: 'wildrydes/rides.write' } }, identity: {} }))).toEqual({
      id: 'a1b2',
      source: 'cognito-user-pool',
    });
    // An ID token's own "username" attribute is not the rider: only an access token's claim is.
    expect(riderOf(ctx({ authorizer: { claims: { username: 'x', token_use: 'id' } }, identity: {} })).source).toBe('anonymous');
  });

  it('names the identity-pool identity of a SigV4-signed request', () => {
    const identity = { cognitoIdentityId: 'us-east-1:1111-2222', cognitoAuthenticationType: 'authenticated' };
    expect(riderOf(ctx({ authorizer: null, identity }))).toEqual({ id: 'us-east-1:1111-2222', source: 'cognito-identity' });
  });

  it('is anonymous when nobody vouched for the caller', () => {
    expect(riderOf(ctx({ authorizer: { claims: null }, identity: { cognitoIdentityId: null } }))).toEqual({ id: 'anonymous', source: 'anonymous' });
    expect(riderOf(undefined)).toEqual({ id: 'anonymous', source: 'anonymous' });
  });

  it('ignores empty or non-string claims', () => {
    expect(riderOf(ctx({ authorizer: { claims: { 'cognito:username': '' } }, identity: {} })).source).toBe('anonymous');
    expect(riderOf(ctx({ authorizer: { claims: { 'cognito:username': 42 } }, identity: {} })).source).toBe('anonymous');
  });
});

describe('riderOf in lambda mode', () => {
  it('takes the Lambda authorizer\'s principalId and context from requestContext.authorizer', () => {
    const authorizer = { principalId: 'sub-1', username: 'u-1', email: 'r@example.com', groups: '', integrationLatency: 12 };
    expect(riderOf({ authorizer, identity: {} } as never)).toEqual({
      id: 'u-1',
      source: 'lambda-authorizer',
      authorizer: { principalId: 'sub-1', context: { username: 'u-1', email: 'r@example.com', groups: '' } },
    });
  });

  it('falls back to the principalId when the context names no username', () => {
    expect(riderOf({ authorizer: { principalId: 'sub-2' }, identity: {} } as never)).toMatchObject({ id: 'sub-2', source: 'lambda-authorizer' });
  });
});

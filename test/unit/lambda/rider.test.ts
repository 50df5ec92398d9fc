import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { riderOf, subOfProvider } from '../../../lambda/ride/rider.js';

type Ctx = APIGatewayProxyEvent['requestContext'];
const ctx = (partial: Record<string, unknown>) => partial as unknown as Ctx;

describe('riderOf', () => {
  it('names the user-pool sub from the Cognito authorizer claims (not the username)', () => {
    expect(riderOf(ctx({ authorizer: { claims: { 'cognito:username': 'rider-name', sub: 'a1b2' } }, identity: {} }))).toEqual({
      id: 'a1b2',
      source: 'cognito-user-pool',
    });
  });

  it('names the sub of an access token too (methods that require scopes): access tokens have no cognito:username', () => {
    expect(riderOf(ctx({ authorizer: { claims: { sub: 'a1b2', username: 'a1b2', token_use: 'access', scope: 'wildrydes/rides.write' } }, identity: {} }))).toEqual({
      id: 'a1b2',
      source: 'cognito-user-pool',
    });
  });

  it('names the same sub for a SigV4-signed request, from the cognitoAuthenticationProvider', () => {
    const provider = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc,cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:a1b2';
    const identity = { cognitoIdentityId: 'us-east-1:1111-2222', cognitoAuthenticationType: 'authenticated', cognitoAuthenticationProvider: provider };
    expect(riderOf(ctx({ authorizer: null, identity }))).toEqual({ id: 'a1b2', source: 'cognito-identity' });
  });

  it('falls back to the identity id when the signer did not sign in with a user pool', () => {
    const identity = { cognitoIdentityId: 'us-east-1:1111-2222', cognitoAuthenticationType: 'authenticated', cognitoAuthenticationProvider: 'graph.facebook.com' };
    expect(riderOf(ctx({ authorizer: null, identity }))).toEqual({ id: 'us-east-1:1111-2222', source: 'cognito-identity' });
    expect(subOfProvider(null)).toBeUndefined();
    expect(subOfProvider('x:CognitoSignIn:')).toBeUndefined();
  });

  it('is anonymous when nobody vouched for the caller', () => {
    expect(riderOf(ctx({ authorizer: { claims: null }, identity: { cognitoIdentityId: null } }))).toEqual({ id: 'anonymous', source: 'anonymous' });
    expect(riderOf(undefined)).toEqual({ id: 'anonymous', source: 'anonymous' });
  });

  it('ignores empty or non-string claims', () => {
    expect(riderOf(ctx({ authorizer: { claims: { sub: '' } }, identity: {} })).source).toBe('anonymous');
    expect(riderOf(ctx({ authorizer: { claims: { sub: 42 } }, identity: {} })).source).toBe('anonymous');
  });
});

describe('riderOf in lambda mode', () => {
  it('takes the Lambda authorizer\'s principalId and context from requestContext.authorizer', () => {
    const authorizer = { principalId: 'sub-1', username: 'u-1', email: 'r@example.com', groups: '', integrationLatency: 12 };
    expect(riderOf({ authorizer, identity: {} } as never)).toEqual({
      id: 'sub-1',
      source: 'lambda-authorizer',
      authorizer: { principalId: 'sub-1', context: { username: 'u-1', email: 'r@example.com', groups: '' } },
    });
  });

  it('is the principalId whatever the context says', () => {
    expect(riderOf({ authorizer: { principalId: 'sub-2' }, identity: {} } as never)).toMatchObject({ id: 'sub-2', source: 'lambda-authorizer' });
  });
});

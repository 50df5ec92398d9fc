import { AdminAddUserToGroupCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, PICKUP, quickRider, removeAssemblies, startTestCloud, synthFor, type TestCloud } from './support/cloud.js';
import { decode, tampered } from './support/jwt.js';

/**
 * authMode=lambda on the local cloud from the real template: the bundled
 * authorizer function (aws-jwt-verify fetching the pool's JWKS from Cognito's
 * public URL, answered by the local Cognito) in front of the ride function.
 */
let assemblyDir: string;
let t: TestCloud;
let authorizerId: string;
let rideFunctionId: string;
beforeAll(async () => {
  assemblyDir = await synthFor('lambda');
  t = await startTestCloud('lambda', assemblyDir);
  const { Resources } = (await import(`${assemblyDir}/WildRydes.template.json`, { with: { type: 'json' } })).default as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
  const fns = Object.entries(Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function' && typeof r.Properties?.Description === 'string');
  authorizerId = fns.find(([, r]) => String(r.Properties!.Description).startsWith('Verifies'))![0];
  rideFunctionId = fns.find(([, r]) => String(r.Properties!.Description).startsWith('Books'))![0];
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

const calls = () => t.cloud.invocations();
const ride = (authorization?: string) => t.post('ride', { body: JSON.stringify(PICKUP), headers: authorization === undefined ? {} : { authorization } });

describe('authMode=lambda: the Lambda authorizer in front of POST /ride', () => {
  it('books a ride with the ID token; the function got principalId (sub) and the context; the answer is cached for the next request', async () => {
    const rider = await quickRider(t);
    const claims = decode(rider.idToken).payload;
    const before = calls()[authorizerId] ?? 0;
    const r = await ride(rider.idToken);
    expect(r.status).toBe(201);
    expect(r.json.Authorizer).toEqual({ principalId: claims.sub, context: { username: claims['cognito:username'], email: rider.email, groups: '' } });
    expect(r.json.Rider).toBe(claims.sub);
    expect(calls()[authorizerId]).toBe(before + 1);
    const again = await ride(rider.idToken);
    expect(again.status).toBe(201);
    expect(calls()[authorizerId]).toBe(before + 1);
  });

  it('a suspended rider: 403 with API Gateway\'s explicit-deny body and CORS, the ride function never runs', async () => {
    const rider = await quickRider(t);
    await t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.out.UserPoolId!, Username: decode(rider.idToken).payload['cognito:username'] as string, GroupName: 'suspended' }));
    const { AuthenticationResult } = await t.idp.send(new InitiateAuthCommand({ ClientId: t.out.UserPoolClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: rider.email, PASSWORD } }));
    const rides = calls()[rideFunctionId] ?? 0;
    const r = await ride(AuthenticationResult!.IdToken!);
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ Message: 'User is not authorized to access this resource with an explicit deny' });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(calls()[rideFunctionId] ?? 0).toBe(rides);
  });

  it('no token, or one that is not a JWT\'s shape: 401 without invoking the authorizer', async () => {
    const before = calls()[authorizerId] ?? 0;
    for (const token of [undefined, 'Bearer abc', 'not-a-jwt']) {
      const r = await ride(token);
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ message: 'Unauthorized' });
    }
    expect(calls()[authorizerId] ?? 0).toBe(before);
  });

  it('a tampered ID token or an access token: the authorizer says Unauthorized, 401', async () => {
    const rider = await quickRider(t);
    const { AuthenticationResult } = await t.idp.send(new InitiateAuthCommand({ ClientId: t.out.UserPoolClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: rider.email, PASSWORD } }));
    const before = calls()[authorizerId] ?? 0;
    for (const token of [tampered(rider.idToken, { 'cognito:username': 'someone-else' }), AuthenticationResult!.AccessToken!]) {
      const r = await ride(token);
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ message: 'Unauthorized' });
    }
    expect(calls()[authorizerId]).toBe(before + 2);
  });
});

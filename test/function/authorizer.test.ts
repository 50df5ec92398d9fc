import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizerHandler } from '../../lambda/authorizer/adapter.js';
import type { VerifiedClaims } from '../../lambda/authorizer/decide.js';
import { RIDER_METHODS, riderPolicy } from '../../lambda/authorizer/policy.js';
import { evaluatePolicies } from '../../local/iam/index.js';
import { startTestCognito, TestClock, type TestCognito } from '../local/cognito/fixtures.js';
import { userPoolHelpers } from '../local/cognito/user-pool/helpers.js';

/**
 * The authorizer function's logic with the real aws-jwt-verify, against REAL
 * tokens of the local Cognito (the pool's JWKS fetched from the local server
 * and handed to the library's cache, as it would fetch it from Cognito).
 */
let t: TestCognito;
let handler: ReturnType<typeof createAuthorizerHandler>;
const clock = new TestClock();
const API = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5';
const METHOD_ARN = `${API}/prod/POST/ride`;
const logLines: string[] = [];

beforeAll(async () => {
  t = await startTestCognito({ clock });
  const verifier = CognitoJwtVerifier.create({ userPoolId: t.poolId, clientId: t.clientId, tokenUse: 'id' });
  const jwks = await (await fetch(`${t.url}/${t.poolId}/.well-known/jwks.json`)).json();
  verifier.cacheJwks(jwks);
  handler = createAuthorizerHandler({ verify: async (token) => (await verifier.verify(token)) as unknown as VerifiedClaims }, (l) => logLines.push(l));
});
afterAll(async () => {
  await t.close();
});
const { confirmedUser, tokens, decode } = userPoolHelpers(() => t);
const event = (authorizationToken: string, methodArn = METHOD_ARN) => ({ type: 'TOKEN' as const, authorizationToken, methodArn });

describe('the token authorizer against real tokens of the local Cognito', () => {
  it('a valid ID token: principalId = sub, Allow on the rider methods, the context as strings', async () => {
    const { email, sub } = await confirmedUser();
    const { IdToken } = await tokens(email);
    const answer = await handler(event(IdToken));
    expect(answer.principalId).toBe(sub);
    expect(answer.policyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${API}/prod/POST/ride`, `${API}/prod/GET/rides`, `${API}/prod/GET/rides/*`] }],
    });
    expect(answer.context).toEqual({ username: decode(IdToken)['cognito:username'], email, groups: '' });
    expect(evaluatePolicies([answer.policyDocument], 'execute-api:Invoke', METHOD_ARN)).toBe('Allow');
    expect(evaluatePolicies([answer.policyDocument], 'execute-api:Invoke', `${API}/prod/GET/rides/r-1`)).toBe('Allow');
    // Not a dispatcher: the cached policy never covers the dispatch list, whatever method the token is used on first.
    expect(evaluatePolicies([answer.policyDocument], 'execute-api:Invoke', `${API}/prod/GET/dispatch/rides`)).toBe('ImplicitDeny');
  });

  it('a dispatcher (Cognito group "dispatchers"): the same Allow, plus GET /dispatch/rides, whatever method the token came for', async () => {
    const { email } = await confirmedUser();
    await t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName: 'dispatchers' }));
    const answer = await handler(event((await tokens(email)).IdToken, `${API}/prod/GET/rides`));
    expect(answer.context.groups).toBe('dispatchers');
    expect(answer.policyDocument.Statement[0]!.Resource).toContain(`${API}/prod/GET/dispatch/rides`);
    expect(evaluatePolicies([answer.policyDocument], 'execute-api:Invoke', `${API}/prod/GET/dispatch/rides`)).toBe('Allow');
    expect(evaluatePolicies([answer.policyDocument], 'execute-api:Invoke', METHOD_ARN)).toBe('Allow');
  });

  it('a suspended rider (Cognito group "suspended"): Deny, with the groups in the context', async () => {
    const { email } = await confirmedUser();
    await t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.poolId, Username: email, GroupName: 'suspended' }));
    const answer = await handler(event((await tokens(email)).IdToken));
    expect(answer.policyDocument.Statement[0]!.Effect).toBe('Deny');
    expect(answer.context.groups).toBe('suspended');
    expect(evaluatePolicies([answer.policyDocument], 'execute-api:Invoke', METHOD_ARN)).toBe('ExplicitDeny');
  });

  it.each([
    ['an expired ID token', async () => {
      const { email } = await confirmedUser();
      clock.advance(-2 * 3600_000);
      try {
        return (await tokens(email)).IdToken;
      } finally {
        clock.advance(2 * 3600_000);
      }
    }],
    ['an ID token of another pool', async () => {
      const { email } = await confirmedUser();
      const { AdminCreateUserCommand, AdminSetUserPasswordCommand, AdminInitiateAuthCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.otherPoolId, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }] }));
      await t.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: t.otherPoolId, Username: email, Password: 'Other-Pool-Pass-1', Permanent: true }));
      const out = await t.idp.send(new AdminInitiateAuthCommand({ UserPoolId: t.otherPoolId, ClientId: t.otherClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Other-Pool-Pass-1' } }));
      return out.AuthenticationResult!.IdToken!;
    }],
    ['an access token (not an ID token)', async () => (await tokens((await confirmedUser()).email)).AccessToken],
    ['a tampered ID token (payload changed, signature kept)', async () => {
      const [h, p, s] = (await tokens((await confirmedUser()).email)).IdToken.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      claims['cognito:groups'] = ['admins'];
      return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    }],
    ['no token at all', async () => ''],
  ])('%s: throws "Unauthorized" (API Gateway\'s 401), the reason only in the log', async (_, make) => {
    const token = await make();
    await expect(handler(event(token))).rejects.toThrow(/^Unauthorized$/);
    expect(logLines.at(-1)).toMatch(/"message":"Token refused"/);
  });
});

describe('the policy, cached per token by API Gateway', () => {
  const methods = [
    { verb: 'POST', path: 'ride' },
    { verb: 'GET', path: 'rides/*' },
  ];

  it('built when the token was first used on one method, still allows every other rider method (the cached-policy bug)', () => {
    const firstCall = `${API}/prod/GET/rides/r-123`;
    const policy = riderPolicy(firstCall, 'Allow', methods);
    expect(evaluatePolicies([policy], 'execute-api:Invoke', `${API}/prod/POST/ride`)).toBe('Allow');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', `${API}/prod/GET/rides/r-456`)).toBe('Allow');
    // What the bug looks like: a policy of the methodArn alone refuses the next method.
    const naive = { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow' as const, Resource: firstCall }] };
    expect(evaluatePolicies([naive], 'execute-api:Invoke', `${API}/prod/POST/ride`)).toBe('ImplicitDeny');
  });

  it('never another API or stage, nor a method riders do not call', () => {
    const policy = riderPolicy(METHOD_ARN, 'Allow');
    expect(RIDER_METHODS).toEqual([{ verb: 'POST', path: 'ride' }, { verb: 'GET', path: 'rides' }, { verb: 'GET', path: 'rides/*' }]);
    expect(evaluatePolicies([policy], 'execute-api:Invoke', `${API}/prod/GET/dispatch/rides`)).toBe('ImplicitDeny');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', 'arn:aws:execute-api:us-east-1:123456789012:otherapi/prod/POST/ride')).toBe('ImplicitDeny');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', `${API}/test/POST/ride`)).toBe('ImplicitDeny');
    expect(evaluatePolicies([policy], 'execute-api:Invoke', `${API}/prod/DELETE/ride`)).toBe('ImplicitDeny');
  });

  it('a methodArn that is not an execute-api method ARN is refused, not guessed at', () => {
    expect(() => riderPolicy('arn:aws:lambda:us-east-1:123456789012:function:x', 'Allow')).toThrow(/is not arn:aws:execute-api/);
  });
});

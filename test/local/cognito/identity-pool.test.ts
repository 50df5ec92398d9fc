import { GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AdminCreateUserCommand, AdminInitiateAuthCommand, GlobalSignOutCommand, SignUpCommand, AdminConfirmSignUpCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestCognito, uniqueEmail, type TestCognito } from './fixtures.js';

let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message };
  }
  throw new Error('expected the call to fail');
}

const provider = () => `cognito-idp.us-east-1.amazonaws.com/${t.poolId}`;

async function riderTokens() {
  const email = uniqueEmail();
  const out = await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: PASSWORD }));
  await t.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: t.poolId, Username: email }));
  const signIn = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
  return { email, sub: out.UserSub!, idToken: signIn.AuthenticationResult!.IdToken!, accessToken: signIn.AuthenticationResult!.AccessToken! };
}

describe('GetId and GetCredentialsForIdentity', () => {
  it('gives one stable identity per user and credentials of the authenticated role for one hour', async () => {
    const rider = await riderTokens();
    const logins = { [provider()]: rider.idToken };
    const { IdentityId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: logins }));
    expect(IdentityId).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The same user signing in again gets the same identity; another user gets another.
    const again = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: rider.email, PASSWORD } }));
    expect((await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: { [provider()]: again.AuthenticationResult!.IdToken! } }))).IdentityId).toBe(IdentityId);
    const other = await riderTokens();
    expect((await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: { [provider()]: other.idToken } }))).IdentityId).not.toBe(IdentityId);

    const before = t.clock.now();
    const out = await t.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const c = out.Credentials!;
    expect(out.IdentityId).toBe(IdentityId);
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.SecretKey!.length).toBe(40);
    expect(c.SessionToken!.length).toBeGreaterThan(100);
    expect(Math.abs(c.Expiration!.getTime() - (before + 3600_000))).toBeLessThan(5000);

    const issued = t.cognito.lookupCredentials(c.AccessKeyId!);
    const roleName = t.stack.physicalId('AuthenticatedRole');
    expect(issued).toEqual({
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      identityId: IdentityId,
      identityPoolId: t.identityPoolId,
      roleArn: `arn:aws:iam::123456789012:role/${roleName}`,
      assumedRoleArn: `arn:aws:sts::123456789012:assumed-role/${roleName}/CognitoIdentityCredentials`,
      authenticationProvider: `${provider()},${provider()}:CognitoSignIn:${rider.sub}`,
    });
    expect(t.cognito.lookupCredentials('ASIAUNKNOWNUNKNOWN12')).toBeUndefined();
    expect(t.cognito.lookupCredentials('__proto__')).toBeUndefined();
  });

  it('refuses unauthenticated access, as the template disallows it', async () => {
    expect(await failure(t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    const rider = await riderTokens();
    const { IdentityId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: { [provider()]: rider.idToken } }));
    expect((await failure(t.identity.send(new GetCredentialsForIdentityCommand({ IdentityId })))).name).toBe('NotAuthorizedException');
  });

  it('refuses tampered, access, expired, foreign and revoked tokens (NotAuthorizedException)', async () => {
    const rider = await riderTokens();
    const [h, p, s] = rider.idToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${s}`;
    const getId = (name: string, token: string) => t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: { [name]: token } }));

    expect((await failure(getId(provider(), tampered))).name).toBe('NotAuthorizedException');
    expect((await failure(getId(provider(), rider.accessToken))).name).toBe('NotAuthorizedException');
    expect((await failure(getId(provider(), 'not-a-jwt'))).name).toBe('NotAuthorizedException');

    // A token of another user pool, under that pool's own provider name: not a provider of this identity pool.
    const email = uniqueEmail('other');
    await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.otherPoolId, Username: email, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }));
    const otherProvider = `cognito-idp.us-east-1.amazonaws.com/${t.otherPoolId}`;
    const start = await t.idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: t.otherPoolId, ClientId: t.otherClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
    );
    expect(start.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const { AdminRespondToAuthChallengeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const done = await t.idp.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: t.otherPoolId,
        ClientId: t.otherClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: start.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Another-Pass-42' },
      }),
    );
    const foreign = done.AuthenticationResult!.IdToken!;
    expect(await failure(getId(otherProvider, foreign))).toEqual({ name: 'NotAuthorizedException', message: 'Token is not from a supported provider of this identity pool.' });
    // ...and presented under this pool's provider name: wrong issuer.
    expect(await failure(getId(provider(), foreign))).toEqual({ name: 'NotAuthorizedException', message: "Invalid login token. Issuer doesn't match providerName" });

    // After GlobalSignOut the pool's server-side token check refuses the ID token.
    await t.idp.send(new GlobalSignOutCommand({ AccessToken: rider.accessToken }));
    expect(await failure(getId(provider(), rider.idToken))).toEqual({ name: 'NotAuthorizedException', message: 'Invalid login token. Token has been revoked.' });

    const fresh = await riderTokens();
    t.clock.advance(3601_000);
    expect((await failure(getId(provider(), fresh.idToken))).message).toMatch(/^Invalid login token\. Token expired: \d+ >= \d+$/);
  });

  it('refuses credentials for an identity with another user\'s login, and unknown identities and pools', async () => {
    const a = await riderTokens();
    const b = await riderTokens();
    const { IdentityId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: { [provider()]: a.idToken } }));
    expect((await failure(t.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [provider()]: b.idToken } })))).name).toBe('NotAuthorizedException');
    expect(
      await failure(t.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000', Logins: { [provider()]: a.idToken } }))),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await failure(t.identity.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000', Logins: { [provider()]: a.idToken } })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('GetOpenIdToken gives a token for the identity, signed by the identity service', async () => {
    const rider = await riderTokens();
    const logins = { [provider()]: rider.idToken };
    const { IdentityId } = await t.identity.send(new GetIdCommand({ IdentityPoolId: t.identityPoolId, Logins: logins }));
    const out = await t.identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    const claims = JSON.parse(Buffer.from(out.Token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: IdentityId, aud: t.identityPoolId, iss: 'https://cognito-identity.amazonaws.com', amr: expect.arrayContaining(['authenticated']) });
  });
});

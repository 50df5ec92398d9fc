import { AdminCreateUserCommand, GetUserCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, confirmSignUp, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestCognito, uniqueEmail, type TestCognito } from './fixtures.js';

/** Amplify v6 as the website configures it, pointed at the local endpoint. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: t.poolId,
        userPoolClientId: t.clientId,
        identityPoolId: t.identityPoolId,
        userPoolEndpoint: t.url,
        identityPoolEndpoint: t.url,
      },
    },
  });
});
afterAll(async () => {
  await t.close();
});

describe('Amplify v6 against the local Cognito', () => {
  it('signs up, confirms, signs in with SRP (its default), gets identity-pool credentials, signs out', async () => {
    const email = uniqueEmail('amplify');
    await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: PASSWORD }));
    const confirmed = await confirmSignUp({ username: email, confirmationCode: t.codeFor(email) });
    expect(confirmed.isSignUpComplete).toBe(true);

    const started = performance.now();
    const result = await signIn({ username: email, password: PASSWORD });
    t.logLines.push(`Amplify signIn (SRP) took ${(performance.now() - started).toFixed(0)} ms`);
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });

    const session = await fetchAuthSession();
    expect(session.tokens?.idToken?.payload.email).toBe(email);
    expect(session.identityId).toMatch(/^us-east-1:/);
    expect(session.credentials?.accessKeyId).toMatch(/^ASIA/);
    const issued = t.cognito.lookupCredentials(session.credentials!.accessKeyId);
    expect(issued?.identityId).toBe(session.identityId);
    expect(issued?.sessionToken).toBe(session.credentials?.sessionToken);

    const accessToken = session.tokens!.accessToken.toString();
    await signOut();
    // Amplify's signOut revokes the refresh token, which revokes the sign-in's access token too.
    await expect(t.idp.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('signs in ten times in a row with Amplify\'s own SRP code', async () => {
    const email = uniqueEmail('amplify');
    await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: PASSWORD }));
    await confirmSignUp({ username: email, confirmationCode: t.codeFor(email) });
    for (let i = 0; i < 10; i++) {
      expect((await signIn({ username: email, password: PASSWORD })).isSignedIn).toBe(true);
      await signOut();
    }
  });

  it('reports a wrong password as NotAuthorizedException', async () => {
    const email = uniqueEmail('amplify');
    await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: PASSWORD }));
    await confirmSignUp({ username: email, confirmationCode: t.codeFor(email) });
    await expect(signIn({ username: email, password: 'Wrong-Password-1' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('walks an invited user through NEW_PASSWORD_REQUIRED with confirmSignIn', async () => {
    const email = uniqueEmail('invited');
    await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email, TemporaryPassword: 'Temporary-Pass-1', MessageAction: 'SUPPRESS' }));
    const first = await signIn({ username: email, password: 'Temporary-Pass-1' });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    const done = await confirmSignIn({ challengeResponse: 'Permanent-Pass-2' });
    expect(done.isSignedIn).toBe(true);
    await signOut();
    expect((await signIn({ username: email, password: 'Permanent-Pass-2' })).isSignedIn).toBe(true);
    await signOut();
  });
});

import {
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCognito, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** What a signed-in user does with their tokens: GetUser, GlobalSignOut, RevokeToken. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, confirmedUser, tokens, decode } = userPoolHelpers(() => t);

describe('GetUser, GlobalSignOut and RevokeToken', () => {
  it('GetUser answers the user\'s attributes; GlobalSignOut revokes every sign-in', async () => {
    const { email, sub } = await confirmedUser();
    const a = await tokens(email);
    const b = await tokens(email);
    const me = await t.idp.send(new GetUserCommand({ AccessToken: a.AccessToken }));
    expect(me.Username).toBe(sub);
    expect(me.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }]));
    await t.idp.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken }));
    for (const refresh of [a.RefreshToken, b.RefreshToken]) {
      expect(await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refresh } })))).toEqual({
        name: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked',
        status: 400,
      });
    }
    expect(await failure(t.idp.send(new GetUserCommand({ AccessToken: b.AccessToken })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    // A new sign-in works again.
    expect((await t.idp.send(new GetUserCommand({ AccessToken: (await tokens(email)).AccessToken }))).Username).toBe(sub);
  });

  it('RevokeToken revokes one sign-in and leaves the others', async () => {
    const { email } = await confirmedUser();
    const a = await tokens(email);
    const b = await tokens(email);
    await t.idp.send(new RevokeTokenCommand({ ClientId: t.clientId, Token: a.RefreshToken }));
    expect((await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: a.RefreshToken } })))).message).toBe(
      'Refresh Token has been revoked',
    );
    expect((await failure(t.idp.send(new GetUserCommand({ AccessToken: a.AccessToken })))).message).toBe('Access Token has been revoked');
    expect((await t.idp.send(new GetUserCommand({ AccessToken: b.AccessToken }))).Username).toBeDefined();
    expect((await failure(t.idp.send(new RevokeTokenCommand({ ClientId: t.clientId, Token: b.AccessToken })))).name).toBe('UnsupportedTokenTypeException');
  });

  it('refuses expired and forged access tokens', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await tokens(email);
    const [h, p, s] = AccessToken.split('.') as [string, string, string];
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...decode(AccessToken), username: 'admin' })).toString('base64url')}.${s}`;
    expect(await failure(t.idp.send(new GetUserCommand({ AccessToken: forged })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' });
    expect(p).toBeTruthy();
    t.clock.advance(3601_000);
    expect(await failure(t.idp.send(new GetUserCommand({ AccessToken })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has expired' });
  });
});

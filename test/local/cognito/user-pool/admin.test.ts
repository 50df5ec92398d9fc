import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastSrpClient } from '../amplify-srp.js';
import { uniqueEmail, startTestCognito, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** The Admin* calls and ListUsers over the SDK. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, signUp, confirmedUser, tokens, decode } = userPoolHelpers(() => t);

describe('admin calls', () => {
  it('runs the seed\'s terminal flow: AdminCreateUser, NEW_PASSWORD_REQUIRED through AdminRespondToAuthChallenge, tokens', async () => {
    const email = uniqueEmail('seed');
    const created = await t.idp.send(
      new AdminCreateUserCommand({
        UserPoolId: t.poolId,
        Username: email,
        TemporaryPassword: 'Temporary-Pass-1',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    expect(created.User).toMatchObject({ UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true });
    expect(created.User?.UserCreateDate).toBeInstanceOf(Date);
    expect(t.cognito.mailbox().some((m) => m.to === email)).toBe(false);
    const start = await t.idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: t.poolId, ClientId: t.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Temporary-Pass-1' } }),
    );
    expect(start.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(start.Session).toBeTruthy();
    expect(JSON.parse(start.ChallengeParameters!.userAttributes!)).toMatchObject({ email });
    const done = await t.idp.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: t.poolId,
        ClientId: t.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: start.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Permanent-Pass-2' },
      }),
    );
    expect(decode(done.AuthenticationResult!.IdToken!)).toMatchObject({ email, email_verified: true });
    expect((await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email }))).UserStatus).toBe('CONFIRMED');
    // The older flow name, ADMIN_NO_SRP_AUTH, signs in with the new password.
    const again = await t.idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: t.poolId, ClientId: t.clientId, AuthFlow: 'ADMIN_NO_SRP_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Permanent-Pass-2' } }),
    );
    expect(again.AuthenticationResult?.AccessToken).toBeDefined();
    // The session answered once.
    expect(
      (
        await failure(
          t.idp.send(
            new AdminRespondToAuthChallengeCommand({
              UserPoolId: t.poolId,
              ClientId: t.clientId,
              ChallengeName: 'NEW_PASSWORD_REQUIRED',
              Session: start.Session,
              ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Permanent-Pass-3' },
            }),
          ),
        )
      ).name,
    ).toBe('NotAuthorizedException');
  });

  it('mails a generated temporary password that meets the policy; SRP sign-in leads to NEW_PASSWORD_REQUIRED too', async () => {
    const email = uniqueEmail('invited');
    await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email }));
    const temporary = t.codeFor(email);
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    const client = await fastSrpClient();
    const start = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: client.A } }));
    const next = await t.idp.send(
      new RespondToAuthChallengeCommand({ ClientId: t.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: client.answer(t.poolId, temporary, start.ChallengeParameters!) }),
    );
    expect(next.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answer = (password: string) =>
      t.idp.send(
        new RespondToAuthChallengeCommand({ ClientId: t.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: next.Session, ChallengeResponses: { USERNAME: email, NEW_PASSWORD: password } }),
      );
    for (let i = 0; i < 5; i++) expect((await failure(answer('weak'))).name).toBe('InvalidPasswordException');
    expect(await failure(answer('Good-Password-123'))).toMatchObject({ name: 'TooManyFailedAttemptsException', status: 400 });
  });

  it('expires temporary passwords after the policy\'s days', async () => {
    const email = uniqueEmail('late');
    await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email, TemporaryPassword: 'Temporary-Pass-1', MessageAction: 'SUPPRESS' }));
    t.clock.advance(3 * 86400_000 + 1000);
    expect(
      await failure(
        t.idp.send(new AdminInitiateAuthCommand({ UserPoolId: t.poolId, ClientId: t.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Temporary-Pass-1' } })),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Temporary password has expired and must be reset by an administrator.' });
  });

  it('AdminCreateUser refuses an existing user and a weak temporary password', async () => {
    const { email } = await confirmedUser();
    expect(await failure(t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email, MessageAction: 'SUPPRESS' })))).toMatchObject({
      name: 'UsernameExistsException',
      message: 'User account already exists',
    });
    expect((await failure(t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: uniqueEmail(), TemporaryPassword: 'short' })))).name).toBe('InvalidPasswordException');
  });

  it('AdminConfirmSignUp, AdminGetUser, AdminDeleteUser', async () => {
    const { email } = await signUp();
    await t.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: t.poolId, Username: email }));
    const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect(user.UserStatus).toBe('CONFIRMED');
    const { RefreshToken } = await tokens(email);
    await t.idp.send(new AdminDeleteUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect(await failure(t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email })))).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    expect((await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: RefreshToken } })))).name).toBe(
      'NotAuthorizedException',
    );
    expect((await failure(t.idp.send(new AdminDeleteUserCommand({ UserPoolId: t.poolId, Username: email })))).name).toBe('UserNotFoundException');
  });

  it('ListUsers filters by exact value and prefix, and pages', async () => {
    const prefix = `list-${Date.now()}`;
    const emails = [uniqueEmail(prefix), uniqueEmail(prefix), uniqueEmail(prefix)];
    for (const email of emails) await signUp(email);
    const exact = await t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: `email = "${emails[1]}"` }));
    expect(exact.Users?.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value)).toEqual([emails[1]]);
    const page1 = await t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: `email ^= "${prefix}"`, Limit: 2 }));
    expect(page1.Users).toHaveLength(2);
    expect(page1.PaginationToken).toBeDefined();
    const page2 = await t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: `email ^= "${prefix}"`, Limit: 2, PaginationToken: page1.PaginationToken }));
    expect(page2.Users).toHaveLength(1);
    expect(page2.PaginationToken).toBeUndefined();
    expect((await failure(t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: 'email contains x' })))).name).toBe('InvalidParameterException');
  });

  it('refuses unknown pools and clients of another pool (ResourceNotFoundException)', async () => {
    expect(await failure(t.idp.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Nope12345', Username: 'x' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Nope12345 does not exist.',
    });
    expect(
      (await failure(t.idp.send(new AdminInitiateAuthCommand({ UserPoolId: t.otherPoolId, ClientId: t.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: {} })))).name,
    ).toBe('ResourceNotFoundException');
  });
});

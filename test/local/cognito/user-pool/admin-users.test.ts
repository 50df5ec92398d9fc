import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  ConfirmForgotPasswordCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestCognito, uniqueEmail, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** The admin calls tutorials use, with an administrator's client (t.idp). */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, confirmedUser, passwordSignIn, tokens } = userPoolHelpers(() => t);

const status = async (email: string) => (await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email }))).UserStatus;
const refresh = (token: string) => t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token } }));

describe('passwords', () => {
  it('AdminSetUserPassword: Permanent makes the user CONFIRMED, otherwise FORCE_CHANGE_PASSWORD', async () => {
    const email = uniqueEmail('set');
    await t.idp.send(new AdminCreateUserCommand({ UserPoolId: t.poolId, Username: email, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temporary-Pass-1' }));
    await t.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: t.poolId, Username: email, Password: 'Permanent-Pass-2', Permanent: true }));
    expect(await status(email)).toBe('CONFIRMED');
    expect((await passwordSignIn(email, 'Permanent-Pass-2')).AuthenticationResult?.AccessToken).toBeDefined();
    await t.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: t.poolId, Username: email, Password: 'Temporary-Pass-3', Permanent: false }));
    expect(await status(email)).toBe('FORCE_CHANGE_PASSWORD');
    expect((await passwordSignIn(email, 'Temporary-Pass-3')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect((await failure(t.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: t.poolId, Username: email, Password: 'weak', Permanent: true })))).name).toBe('InvalidPasswordException');
    expect((await failure(t.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: t.poolId, Username: uniqueEmail('nobody'), Password: PASSWORD, Permanent: true })))).name).toBe(
      'UserNotFoundException',
    );
  });

  it('AdminResetUserPassword: RESET_REQUIRED and a mailed code; sign-in says PasswordResetRequiredException until the code is used', async () => {
    const { email } = await confirmedUser();
    await t.idp.send(new AdminResetUserPasswordCommand({ UserPoolId: t.poolId, Username: email }));
    expect(await status(email)).toBe('RESET_REQUIRED');
    expect(await failure(passwordSignIn(email))).toEqual({ name: 'PasswordResetRequiredException', message: 'Password reset required for the user', status: 400 });
    await t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: t.codeFor(email), Password: 'New-Password-77' }));
    expect(await status(email)).toBe('CONFIRMED');
    expect((await passwordSignIn(email, 'New-Password-77')).AuthenticationResult?.AccessToken).toBeDefined();
  });
});

describe('disabling and signing out', () => {
  it('a disabled user cannot sign in and their tokens stop working; enabling lets them sign in again', async () => {
    const { email } = await confirmedUser();
    const before = await tokens(email);
    await t.idp.send(new AdminDisableUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect((await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email }))).Enabled).toBe(false);
    expect(await failure(passwordSignIn(email))).toEqual({ name: 'NotAuthorizedException', message: 'User is disabled.', status: 400 });
    expect((await failure(refresh(before.RefreshToken))).name).toBe('NotAuthorizedException');
    expect((await failure(t.idp.send(new GetUserCommand({ AccessToken: before.AccessToken })))).name).toBe('NotAuthorizedException');
    const disabled = await t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: `email = "${email}"` }));
    expect(disabled.Users?.[0]?.Enabled).toBe(false);
    await t.idp.send(new AdminEnableUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect((await passwordSignIn(email)).AuthenticationResult?.AccessToken).toBeDefined();
    // The tokens of before stay revoked.
    expect((await failure(refresh(before.RefreshToken))).message).toBe('Refresh Token has been revoked');
  });

  it('AdminUserGlobalSignOut ends every sign-in of the user', async () => {
    const { email } = await confirmedUser();
    const a = await tokens(email);
    const b = await tokens(email);
    await t.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: t.poolId, Username: email }));
    for (const token of [a.RefreshToken, b.RefreshToken]) expect((await failure(refresh(token))).message).toBe('Refresh Token has been revoked');
    expect((await failure(t.idp.send(new GetUserCommand({ AccessToken: a.AccessToken })))).message).toBe('Access Token has been revoked');
    expect((await tokens(email)).AccessToken).toBeDefined();
  });
});

describe('AdminUpdateUserAttributes', () => {
  it('writes attributes an app client may not (email_verified); a changed email is unverified', async () => {
    const { email } = await confirmedUser();
    await t.idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: t.poolId, Username: email, UserAttributes: [{ Name: 'family_name', Value: 'Rider' }] }));
    const next = uniqueEmail('admin-moved');
    await t.idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: t.poolId, Username: email, UserAttributes: [{ Name: 'email', Value: next }] }));
    const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: next }));
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'family_name', Value: 'Rider' }, { Name: 'email', Value: next }, { Name: 'email_verified', Value: 'false' }]));
    await t.idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: t.poolId, Username: next, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    expect((await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: next }))).UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    expect(await failure(t.idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: t.poolId, Username: next, UserAttributes: [{ Name: 'cognito:groups', Value: 'admins' }] })))).toEqual({
      name: 'InvalidParameterException',
      message: 'user.cognito:groups: Attribute does not exist in the schema.\n',
      status: 400,
    });
  });
});

describe('DescribeUserPool and DescribeUserPoolClient', () => {
  it('describe the pool and client the template declares', async () => {
    const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: t.poolId }));
    expect(UserPool).toMatchObject({
      Id: t.poolId,
      Name: 'WildRydes',
      Arn: expect.stringMatching(new RegExp(`^arn:aws:cognito-idp:us-east-1:\\d{12}:userpool/${t.poolId}$`)),
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
      AutoVerifiedAttributes: ['email'],
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      MfaConfiguration: 'OFF',
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
    expect(UserPool?.SchemaAttributes).toContainEqual({ Name: 'email', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' } });
    expect(UserPool?.SchemaAttributes?.find((a) => a.Name === 'sub')).toMatchObject({ Mutable: false, Required: true });
    const { UserPoolClient } = await t.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: t.poolId, ClientId: t.clientId }));
    expect(UserPoolClient).toMatchObject({
      UserPoolId: t.poolId,
      ClientId: t.clientId,
      ClientName: 'wild-rydes-web',
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 43200,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
    });
    expect(UserPoolClient?.ExplicitAuthFlows?.sort()).toEqual(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    const legacy = await t.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: t.poolId, ClientId: t.legacyClientId }));
    expect(legacy.UserPoolClient).toMatchObject({ PreventUserExistenceErrors: 'LEGACY', AccessTokenValidity: 60, RefreshTokenValidity: 30, TokenValidityUnits: { RefreshToken: 'days' } });
    expect(await failure(t.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: t.otherPoolId, ClientId: t.clientId })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool client ${t.clientId} does not exist.`,
    });
    expect((await failure(t.idp.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Nope12345' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('names from requests never reach an object prototype', () => {
  it('answers __proto__, constructor and toString with the usual 4xx', async () => {
    // A user for ListUsers' filter to look at.
    await confirmedUser();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await failure(t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: name })))).toMatchObject({ name: 'UserNotFoundException', status: 400 });
      expect(await failure(t.idp.send(new InitiateAuthCommand({ ClientId: name, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'a@example.com', PASSWORD } })))).toMatchObject({
        name: 'ResourceNotFoundException',
        status: 400,
      });
      expect(await failure(t.idp.send(new DescribeUserPoolCommand({ UserPoolId: name })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
      expect(await failure(passwordSignIn(name))).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      for (const op of ['=', '^=']) {
        const listed = await t.idp.send(new ListUsersCommand({ UserPoolId: t.poolId, Filter: `${name} ${op} "f"` }));
        expect(listed.Users).toEqual([]);
      }
      expect(
        await failure(t.idp.send(new AdminInitiateAuthCommand({ UserPoolId: t.poolId, ClientId: t.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: name, PASSWORD } }))),
      ).toMatchObject({ name: 'NotAuthorizedException', status: 400 });
    }
    expect(t.logLines.filter((l) => l.includes('request failed') || l.includes('Error'))).toEqual([]);
  });
});

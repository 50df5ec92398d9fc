import {
  AdminGetUserCommand,
  ChangePasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestCognito, uniqueEmail, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** What a signed-in user changes about themselves with their access token. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, confirmedUser, passwordSignIn, tokens, srpSignIn, decode } = userPoolHelpers(() => t);

const attribute = async (email: string, name: string) =>
  (await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email }))).UserAttributes?.find((a) => a.Name === name)?.Value;

describe('ChangePassword', () => {
  it('changes the password with the previous one; a wrong previous one or a weak new one is refused', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await tokens(email);
    expect(await failure(t.idp.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Wrong-Password-1', ProposedPassword: 'New-Password-77' })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
      status: 400,
    });
    expect(await failure(t.idp.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'weak' })))).toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    await t.idp.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'New-Password-77' }));
    expect((await failure(passwordSignIn(email))).name).toBe('NotAuthorizedException');
    expect((await srpSignIn(email, 'New-Password-77')).AuthenticationResult?.IdToken).toBeDefined();
    expect((await failure(t.idp.send(new ChangePasswordCommand({ AccessToken: 'not-a-token', PreviousPassword: PASSWORD, ProposedPassword: 'New-Password-77' })))).name).toBe(
      'NotAuthorizedException',
    );
  });
});

describe('UpdateUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute', () => {
  it('updates standard attributes; refuses unknown and unauthorized ones, as Cognito words it for updates', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await tokens(email);
    const out = await t.idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'given_name', Value: 'Ann' }] }));
    expect(out.CodeDeliveryDetailsList).toEqual([]);
    expect(await attribute(email, 'given_name')).toBe('Ann');
    expect(await failure(t.idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'custom:role', Value: 'admin' }] })))).toEqual({
      name: 'InvalidParameterException',
      message: 'user.custom:role: Attribute does not exist in the schema.\n',
      status: 400,
    });
    expect(await failure(t.idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
  });

  it('a new email is unverified and gets a code at the new address; VerifyUserAttribute verifies it', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await tokens(email);
    const taken = (await confirmedUser()).email;
    expect(await failure(t.idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: taken }] })))).toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given email already exists.',
    });
    const next = uniqueEmail('moved');
    const out = await t.idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: next }] }));
    expect(out.CodeDeliveryDetailsList).toEqual([{ Destination: expect.stringMatching(/^m\*\*\*@e\*\*\*$/), DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    expect(await attribute(next, 'email_verified')).toBe('false');
    const code = t.codeFor(next);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await failure(t.idp.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: wrong })))).toMatchObject({ name: 'CodeMismatchException' });
    await t.idp.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }));
    expect(await attribute(next, 'email_verified')).toBe('true');
    // The new email signs in; the ID token says so.
    expect(decode((await tokens(next)).IdToken)).toMatchObject({ email: next, email_verified: true });
  });

  it('GetUserAttributeVerificationCode mails a fresh code for the email', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await tokens(email);
    const before = t.cognito.mailbox().filter((m) => m.to === email).length;
    const out = await t.idp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    expect(out.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(t.cognito.mailbox().filter((m) => m.to === email)).toHaveLength(before + 1);
    await t.idp.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: t.codeFor(email) }));
    expect((await t.idp.send(new GetUserCommand({ AccessToken }))).UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
  });
});

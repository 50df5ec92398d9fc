import {
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail, startTestCognito, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** SignUp, ConfirmSignUp and ResendConfirmationCode over the SDK. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, signUp } = userPoolHelpers(() => t);

describe('SignUp and ConfirmSignUp', () => {
  it('creates an unconfirmed user and mails a 6-digit code that expires in 24 hours', async () => {
    const { email, out } = await signUp();
    expect(out.UserConfirmed).toBe(false);
    expect(out.UserSub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.CodeDeliveryDetails).toEqual({ Destination: expect.stringMatching(/^r\*\*\*@e\*\*\*$/), DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const mail = t.cognito.mailbox().filter((m) => m.to === email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.code).toMatch(/^\d{6}$/);
    expect(mail[0]).toMatchObject({ userPoolId: t.poolId, subject: expect.any(String), sentAt: expect.any(String) });
    expect(t.logLines.some((l) => l.includes(email) && l.includes(mail[0]!.code))).toBe(true);
    const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect(user.UserStatus).toBe('UNCONFIRMED');
    expect(user.Username).toBe(out.UserSub);
  });

  it('refuses an email already signed up, whatever its case', async () => {
    const { email } = await signUp();
    expect(await failure(signUp(email.toUpperCase()))).toMatchObject({ name: 'UsernameExistsException', message: 'An account with the given email already exists.', status: 400 });
  });

  it.each([
    ['Sh0rt-pass', 'Password not long enough'],
    ['NO-LOWERCASE-123', 'Password must have lowercase characters'],
    ['no-uppercase-123', 'Password must have uppercase characters'],
    ['No-Numbers-Here', 'Password must have numeric characters'],
    ['NoSymbols12345', 'Password must have symbol characters'],
  ])('refuses the password %s naming the rule it breaks', async (password, rule) => {
    expect(await failure(signUp(uniqueEmail(), password))).toEqual({ name: 'InvalidPasswordException', message: `Password did not conform with policy: ${rule}`, status: 400 });
  });

  it('refuses a username that is not an email, and an unknown client', async () => {
    expect(await failure(t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: 'rider', Password: PASSWORD })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Username should be an email.',
    });
    expect(await failure(t.idp.send(new SignUpCommand({ ClientId: 'nosuchclient', Username: uniqueEmail(), Password: PASSWORD })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
  });

  it('refuses a wrong code, then confirms with the right one, once', async () => {
    const { email } = await signUp();
    const code = t.codeFor(email);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await failure(t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: wrong })))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
      status: 400,
    });
    await t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: code }));
    const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: t.poolId, Username: email }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    expect(await failure(t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: code })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
    expect(await failure(t.idp.send(new ResendConfirmationCodeCommand({ ClientId: t.clientId, Username: email })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'User is already confirmed.',
    });
  });

  it('burns a code after 5 wrong guesses (LimitExceededException), and a resent code works', async () => {
    const { email } = await signUp();
    const code = t.codeFor(email);
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) {
      expect((await failure(t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: wrong })))).name).toBe('CodeMismatchException');
    }
    expect(await failure(t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: code })))).toMatchObject({
      name: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    });
    const resent = await t.idp.send(new ResendConfirmationCodeCommand({ ClientId: t.clientId, Username: email }));
    expect(resent.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    expect(t.cognito.mailbox().filter((m) => m.to === email)).toHaveLength(2);
    await t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: t.codeFor(email) }));
  });

  it('limits resent codes to 5 an hour', async () => {
    const { email } = await signUp();
    for (let i = 0; i < 4; i++) await t.idp.send(new ResendConfirmationCodeCommand({ ClientId: t.clientId, Username: email }));
    expect((await failure(t.idp.send(new ResendConfirmationCodeCommand({ ClientId: t.clientId, Username: email })))).name).toBe('LimitExceededException');
  });

  it('expires sign-up codes after 24 hours (ExpiredCodeException)', async () => {
    const early = await signUp();
    const late = await signUp();
    t.clock.advance(24 * 3600_000 - 60_000);
    await t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: early.email, ConfirmationCode: t.codeFor(early.email) }));
    t.clock.advance(61_000);
    expect(await failure(t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: late.email, ConfirmationCode: t.codeFor(late.email) })))).toEqual({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
      status: 400,
    });
  });

  it('does not reveal a missing user on confirmation (CodeMismatchException)', async () => {
    expect((await failure(t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: uniqueEmail('ghost'), ConfirmationCode: '123456' })))).name).toBe(
      'CodeMismatchException',
    );
  });
});

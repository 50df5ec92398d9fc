import {
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, startTestCognito, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** ForgotPassword and ConfirmForgotPassword over the SDK. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, signUp, confirmedUser, passwordSignIn, srpSignIn } = userPoolHelpers(() => t);

describe('ForgotPassword and ConfirmForgotPassword', () => {
  it('resets a password with the mailed code; the old password stops working', async () => {
    const { email } = await confirmedUser();
    const out = await t.idp.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: email }));
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    const code = t.codeFor(email);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await failure(t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: wrong, Password: 'New-Password-77' })))).name).toBe(
      'CodeMismatchException',
    );
    expect(await failure(t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: code, Password: 'weak' })))).toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    await t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: code, Password: 'New-Password-77' }));
    expect((await failure(passwordSignIn(email))).name).toBe('NotAuthorizedException');
    expect((await srpSignIn(email, 'New-Password-77')).AuthenticationResult?.IdToken).toBeDefined();
  });

  it('expires reset codes after an hour', async () => {
    const { email } = await confirmedUser();
    await t.idp.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: email }));
    t.clock.advance(3600_000 + 1000);
    expect((await failure(t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: t.codeFor(email), Password: 'New-Password-77' })))).name).toBe(
      'ExpiredCodeException',
    );
  });

  it('burns a reset code after 5 wrong guesses', async () => {
    const { email } = await confirmedUser();
    await t.idp.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: email }));
    const code = t.codeFor(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await failure(t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: wrong, Password: 'New-Password-77' })));
    }
    expect((await failure(t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: code, Password: 'New-Password-77' })))).name).toBe(
      'LimitExceededException',
    );
  });

  it('does not reveal missing users, and refuses users without a verified email', async () => {
    const ghost = uniqueEmail('ghost');
    const out = await t.idp.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: ghost }));
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    expect(t.cognito.mailbox().some((m) => m.to === ghost)).toBe(false);
    expect((await failure(t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: ghost, ConfirmationCode: '123456', Password: 'New-Password-77' })))).name).toBe(
      'CodeMismatchException',
    );
    const { email } = await signUp();
    expect(await failure(t.idp.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: email })))).toMatchObject({ name: 'InvalidParameterException' });
  });
});

import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplifySrp, answerPasswordVerifier, fastSrpClient } from './amplify-srp.js';
import { PASSWORD, startTestCognito, uniqueEmail, type TestCognito } from './fixtures.js';

let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});

/** The error a call fails with: its `__type` name and message, as the SDK reports them. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function signUp(email = uniqueEmail(), password = PASSWORD) {
  const out = await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }));
  return { email, out };
}

async function confirmedUser(password = PASSWORD) {
  const { email, out } = await signUp(uniqueEmail(), password);
  await t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: t.codeFor(email) }));
  return { email, sub: out.UserSub! };
}

async function passwordSignIn(email: string, password = PASSWORD, clientId = t.clientId) {
  return t.idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }));
}

async function tokens(email: string, password = PASSWORD): Promise<Required<Pick<AuthenticationResultType, 'AccessToken' | 'IdToken' | 'RefreshToken'>>> {
  const out = await passwordSignIn(email, password);
  const r = out.AuthenticationResult!;
  return { AccessToken: r.AccessToken!, IdToken: r.IdToken!, RefreshToken: r.RefreshToken! };
}

/** One USER_SRP_AUTH sign-in over the SDK with Amplify's fast client math. */
async function srpSignIn(email: string, password = PASSWORD, tamper?: (answer: Record<string, string>) => void) {
  const client = await fastSrpClient();
  const start = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: client.A } }));
  expect(start.ChallengeName).toBe('PASSWORD_VERIFIER');
  const answer = client.answer(t.poolId, password, start.ChallengeParameters!);
  tamper?.(answer);
  return t.idp.send(new RespondToAuthChallengeCommand({ ClientId: t.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer }));
}

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

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

describe('InitiateAuth and RespondToAuthChallenge', () => {
  it('signs in with USER_PASSWORD_AUTH and issues tokens aws-jwt-verify accepts with the served JWKS', async () => {
    const { email, sub } = await confirmedUser();
    const out = await passwordSignIn(email);
    const r = out.AuthenticationResult!;
    expect(r).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    const jwks = (await (await fetch(`${t.url}/${t.poolId}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks).toEqual(t.cognito.jwks(t.poolId));
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: t.poolId, clientId: t.clientId, tokenUse: 'id' });
    idVerifier.cacheJwks(jwks as never);
    const id = await idVerifier.verify(r.IdToken!);
    expect(id).toMatchObject({
      sub,
      'cognito:username': sub,
      email,
      email_verified: true,
      token_use: 'id',
      aud: t.clientId,
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${t.poolId}`,
    });
    expect(id.exp - id.iat).toBe(3600);
    for (const claim of ['auth_time', 'jti', 'origin_jti', 'event_id']) expect(id).toHaveProperty(claim);
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: t.poolId, clientId: t.clientId, tokenUse: 'access' });
    accessVerifier.cacheJwks(jwks as never);
    const access = await accessVerifier.verify(r.AccessToken!);
    expect(access).toMatchObject({ sub, username: sub, client_id: t.clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', origin_jti: id.origin_jti });
    const header = JSON.parse(Buffer.from(r.IdToken!.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ kid: jwks.keys[0]!.kid, alg: 'RS256' });
    // The refresh token is opaque, like Cognito's (a JWE).
    expect(r.RefreshToken!.split('.')).toHaveLength(5);
  });

  it('rejects a token from another pool in aws-jwt-verify', async () => {
    const { email } = await confirmedUser();
    const { IdToken } = await tokens(email);
    const verifier = CognitoJwtVerifier.create({ userPoolId: t.otherPoolId, clientId: t.otherClientId, tokenUse: 'id' });
    verifier.cacheJwks(t.cognito.jwks(t.otherPoolId) as never);
    await expect(verifier.verify(IdToken)).rejects.toThrow();
  });

  it('signs in with USER_SRP_AUTH using Amplify\'s client math', async () => {
    const { email, sub } = await confirmedUser();
    const srp = await amplifySrp();
    const helper = await srp.getAuthenticationHelper(t.poolId.split('_')[1]!);
    const start = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: helper.A.toString(16) } }));
    expect(start.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(start.ChallengeParameters!).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    expect(start.ChallengeParameters!.USER_ID_FOR_SRP).toBe(sub);
    const answer = await answerPasswordVerifier(helper, t.poolId, PASSWORD, start.ChallengeParameters!);
    const done = await t.idp.send(new RespondToAuthChallengeCommand({ ClientId: t.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer }));
    expect(decode(done.AuthenticationResult!.IdToken!).sub).toBe(sub);
    // A secret block answers once.
    expect(await failure(t.idp.send(new RespondToAuthChallengeCommand({ ClientId: t.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer })))).toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('refuses a tampered SRP proof, a tampered secret block and a bad timestamp', async () => {
    const { email } = await confirmedUser();
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[3] = bytes[3]! ^ 0x01;
      return bytes.toString('base64');
    };
    expect(await failure(srpSignIn(email, PASSWORD, (a) => (a.PASSWORD_CLAIM_SIGNATURE = flip(a.PASSWORD_CLAIM_SIGNATURE!))))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
      status: 400,
    });
    expect((await failure(srpSignIn(email, PASSWORD, (a) => (a.PASSWORD_CLAIM_SECRET_BLOCK = flip(a.PASSWORD_CLAIM_SECRET_BLOCK!))))).name).toBe('NotAuthorizedException');
    expect((await failure(srpSignIn(email, PASSWORD, (a) => (a.TIMESTAMP = '2026-11-03 08:05:09'))))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await failure(srpSignIn(email, 'Wrong-Password-1'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    // The user can still sign in (2 failures do not lock out).
    expect((await srpSignIn(email)).AuthenticationResult?.IdToken).toBeDefined();
  });

  it('signs in 300 times in a row with SRP (every padding case of B, S and u)', async () => {
    const { email } = await confirmedUser();
    const started = performance.now();
    for (let i = 0; i < 300; i++) {
      const out = await srpSignIn(email);
      if (!out.AuthenticationResult?.AccessToken) throw new Error(`sign-in ${i} failed`);
    }
    const perSignIn = (performance.now() - started) / 300;
    t.logLines.push(`SRP sign-in over HTTP: ${perSignIn.toFixed(1)} ms`);
    expect(perSignIn).toBeLessThan(500);
  }, 120_000);

  it('does not reveal missing users: a decoy SRP challenge, then NotAuthorizedException', async () => {
    const ghost = uniqueEmail('ghost');
    const err = await failure(srpSignIn(ghost));
    expect(err).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 });
    expect(await failure(passwordSignIn(ghost))).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('reveals missing users and refuses disabled flows on a client that does not prevent existence errors', async () => {
    const srp = await fastSrpClient();
    expect(
      await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.legacyClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: uniqueEmail('ghost'), SRP_A: srp.A } }))),
    ).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    expect(await failure(passwordSignIn(uniqueEmail(), PASSWORD, t.legacyClientId))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    expect((await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: {} })))).name).toBe(
      'InvalidParameterException',
    );
  });

  it('refuses an unconfirmed user with the right password (UserNotConfirmedException), not with a wrong one', async () => {
    const { email } = await signUp();
    expect(await failure(passwordSignIn(email))).toEqual({ name: 'UserNotConfirmedException', message: 'User is not confirmed.', status: 400 });
    expect((await failure(srpSignIn(email))).name).toBe('UserNotConfirmedException');
    expect((await failure(passwordSignIn(email, 'Wrong-Password-1'))).name).toBe('NotAuthorizedException');
  });

  it('locks a user out after 5 wrong passwords in a row, doubling from one second', async () => {
    const { email } = await confirmedUser();
    t.clock.freeze();
    try {
      for (let i = 0; i < 4; i++) expect((await failure(passwordSignIn(email, 'Wrong-Password-1'))).message).toBe('Incorrect username or password.');
      expect(await failure(passwordSignIn(email, 'Wrong-Password-1'))).toEqual({ name: 'NotAuthorizedException', message: 'Password attempts exceeded', status: 400 });
      // Even the right password, by either flow, while locked out.
      expect((await failure(passwordSignIn(email))).message).toBe('Password attempts exceeded');
      expect((await failure(srpSignIn(email))).message).toBe('Password attempts exceeded');
      // One second later the lockout is over; the next failure locks for two seconds.
      t.clock.advance(1001);
      expect((await failure(passwordSignIn(email, 'Wrong-Password-1'))).message).toBe('Password attempts exceeded');
      t.clock.advance(1500);
      expect((await failure(passwordSignIn(email))).message).toBe('Password attempts exceeded');
      t.clock.advance(600);
      expect((await passwordSignIn(email)).AuthenticationResult?.AccessToken).toBeDefined();
      // The success reset the count: one wrong password is just wrong again.
      expect((await failure(passwordSignIn(email, 'Wrong-Password-1'))).message).toBe('Incorrect username or password.');
    } finally {
      t.clock.thaw();
    }
  });

  it('refreshes tokens with REFRESH_TOKEN_AUTH, keeping the sign-in (origin_jti)', async () => {
    const { email } = await confirmedUser();
    const first = await tokens(email);
    const out = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken } }));
    const r = out.AuthenticationResult!;
    expect(r.RefreshToken).toBeUndefined();
    expect(decode(r.AccessToken!).origin_jti).toBe(decode(first.AccessToken).origin_jti);
    expect(decode(r.IdToken!).jti).not.toBe(decode(first.IdToken).jti);
    expect(await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'garbage' } })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    expect(
      await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.legacyClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken } }))),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

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

import { ConfirmSignUpCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { fastSrpClient } from '../amplify-srp.js';
import { PASSWORD, uniqueEmail, type TestCognito } from '../fixtures.js';

/** The error a call fails with: its `__type` name and message, as the SDK reports them. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

export const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** The user-pool tests' shared steps, against the test file's local Cognito (read when called). */
export function userPoolHelpers(current: () => TestCognito) {
  async function signUp(email = uniqueEmail(), password = PASSWORD) {
    const t = current();
    const out = await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }));
    return { email, out };
  }

  async function confirmedUser(password = PASSWORD) {
    const t = current();
    const { email, out } = await signUp(uniqueEmail(), password);
    await t.idp.send(new ConfirmSignUpCommand({ ClientId: t.clientId, Username: email, ConfirmationCode: t.codeFor(email) }));
    return { email, sub: out.UserSub! };
  }

  async function passwordSignIn(email: string, password = PASSWORD, clientId = current().clientId) {
    return current().idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }));
  }

  async function tokens(email: string, password = PASSWORD): Promise<Required<Pick<AuthenticationResultType, 'AccessToken' | 'IdToken' | 'RefreshToken'>>> {
    const out = await passwordSignIn(email, password);
    const r = out.AuthenticationResult!;
    return { AccessToken: r.AccessToken!, IdToken: r.IdToken!, RefreshToken: r.RefreshToken! };
  }

  /** One USER_SRP_AUTH sign-in over the SDK with Amplify's fast client math. */
  async function srpSignIn(email: string, password = PASSWORD, tamper?: (answer: Record<string, string>) => void) {
    const t = current();
    const client = await fastSrpClient();
    const start = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: client.A } }));
    expect(start.ChallengeName).toBe('PASSWORD_VERIFIER');
    const answer = client.answer(t.poolId, password, start.ChallengeParameters!);
    tamper?.(answer);
    return t.idp.send(new RespondToAuthChallengeCommand({ ClientId: t.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer }));
  }

  return { failure, decode, signUp, confirmedUser, passwordSignIn, tokens, srpSignIn };
}

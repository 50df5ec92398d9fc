import { ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastSrpClient } from '../amplify-srp.js';
import { startTestCognito, uniqueEmail, type TestCognito } from '../fixtures.js';
import { userPoolHelpers } from './helpers.js';

/** With PreventUserExistenceErrors, a missing user answers, takes as long and is limited as an existing one. */
let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(async () => {
  await t.close();
});
const { failure, confirmedUser, passwordSignIn } = userPoolHelpers(() => t);

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function srpChallenge(login: string) {
  const client = await fastSrpClient();
  const out = await t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: login, SRP_A: client.A } }));
  return out.ChallengeParameters!;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('a missing user looks like an existing one', () => {
  it('the decoy USER_ID_FOR_SRP is a well-formed v4 uuid (any variant 8/9/a/b), stable per login', async () => {
    const variants = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const ghost = uniqueEmail('ghost-id');
      const first = await srpChallenge(ghost);
      expect(first.USER_ID_FOR_SRP).toMatch(V4);
      expect(first.USERNAME).toBe(first.USER_ID_FOR_SRP);
      variants.add(first.USER_ID_FOR_SRP!.charAt(19));
      // Asking again (in another case) gives the same identity and salt, as for a real user.
      const again = await srpChallenge(ghost.toUpperCase());
      expect(again.USER_ID_FOR_SRP).toBe(first.USER_ID_FOR_SRP);
      expect(again.SALT).toBe(first.SALT);
      expect(again.SRP_B).not.toBe(first.SRP_B);
    }
    // A real uuid's variant nibble takes all four values; a fixed one would give the decoy away.
    expect(variants.size).toBeGreaterThan(1);
  });

  it('USER_PASSWORD_AUTH takes as long for a missing user as for a wrong password', async () => {
    const { email } = await confirmedUser();
    const ghost = uniqueEmail('ghost-time');
    const time = async (login: string) => {
      // Past any lockout, so every try does the full check.
      t.clock.advance(16 * 60_000);
      const started = performance.now();
      const err = await failure(passwordSignIn(login, 'Wrong-Password-1'));
      const ms = performance.now() - started;
      // (From the fifth failure on, each one answers "Password attempts exceeded", for both.)
      expect(err.name).toBe('NotAuthorizedException');
      return ms;
    };
    const real: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 20; i++) {
      real.push(await time(email));
      missing.push(await time(ghost));
    }
    const ratio = median(missing) / median(real);
    t.logLines.push(`wrong password ${median(real).toFixed(2)} ms, missing user ${median(missing).toFixed(2)} ms`);
    // Generous bounds for a loaded machine: without the decoy work the ratio was about 0.15.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  }, 60_000);

  it('the lockout comes after the same number of wrong passwords, with the same message', async () => {
    const { email } = await confirmedUser();
    const ghost = uniqueEmail('ghost-lock');
    const messages = async (login: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) out.push((await failure(passwordSignIn(login, 'Wrong-Password-1'))).message);
      const client = await fastSrpClient();
      out.push((await failure(t.idp.send(new InitiateAuthCommand({ ClientId: t.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: login, SRP_A: client.A } })))).message);
      return out;
    };
    t.clock.freeze();
    try {
      const forReal = await messages(email);
      expect(forReal.slice(4)).toEqual(['Password attempts exceeded', 'Password attempts exceeded', 'Password attempts exceeded']);
      expect(await messages(ghost)).toEqual(forReal);
    } finally {
      t.clock.thaw();
    }
  });

  it("ForgotPassword's hourly code limit applies to a missing user as to an existing one", async () => {
    const { email } = await confirmedUser();
    t.clock.advance(3601_000);
    const ghost = uniqueEmail('ghost-codes');
    const answers = async (login: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        try {
          const r = await t.idp.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: login }));
          out.push(String(r.CodeDeliveryDetails?.DeliveryMedium));
        } catch (err) {
          out.push(`${(err as Error).name}: ${(err as Error).message}`);
        }
      }
      return out;
    };
    const forReal = await answers(email);
    expect(forReal).toEqual([...Array(5).fill('EMAIL'), 'LimitExceededException: Attempt limit exceeded, please try after some time.']);
    expect(await answers(ghost)).toEqual(forReal);
  });
});

describe('confirmation codes of a missing user', () => {
  it('burn after 5 wrong guesses, as a real code does', async () => {
    const { email } = await confirmedUser();
    const ghost = uniqueEmail('ghost-guess');
    const guesses = async (login: string) => {
      await t.idp.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: login }));
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const code = login === email ? (t.codeFor(email) === '000000' ? '111111' : '000000') : '000000';
        out.push((await failure(t.idp.send(new ConfirmForgotPasswordCommand({ ClientId: t.clientId, Username: login, ConfirmationCode: code, Password: 'New-Password-77' })))).name);
      }
      return out;
    };
    const forReal = await guesses(email);
    expect(forReal).toEqual([...Array(5).fill('CodeMismatchException'), 'LimitExceededException']);
    expect(await guesses(ghost)).toEqual(forReal);
  });
});

import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { riderIdpClient } from '../../shared/cognito-clients.js';
import { decodeClaims } from '../../shared/jwt.js';
import { fail, pass, type Checkpoint, type CheckResult } from '../checkpoint.js';

/** Module 1: riders sign up with their email, confirm it with the mailed code, and sign in with SRP. */
export const userPool: Checkpoint = {
  module: '1',
  title: 'The user pool: sign-up and sign-in',
  async run(probe) {
    const t = probe.target;
    const results: CheckResult[] = [];
    const idp = riderIdpClient(t);
    try {
      await idp.send(new SignUpCommand({ ClientId: t.userPoolClientId, Username: `weak-${Date.now()}@example.com`, Password: 'password' }));
      results.push(fail('a weak password ("password") is refused by the pool\'s policy', 'the pool accepted it', 'The pool should ask for 12+ characters with upper, lower, digit and symbol (lib/identity.ts, passwordPolicy).'));
    } catch (err) {
      const name = (err as Error).name;
      results.push(
        name === 'InvalidPasswordException'
          ? pass('a weak password ("password") is refused by the pool\'s policy (InvalidPasswordException)')
          : fail('a weak password ("password") is refused by the pool\'s policy', `Cognito answered ${name}: ${(err as Error).message}`),
      );
    } finally {
      idp.destroy();
    }
    let rider;
    try {
      rider = await probe.rider();
    } catch (err) {
      results.push(fail('a rider signs up, gets a code in the mailbox, confirms and signs in with SRP', (err as Error).message, 'See the terminal of npm start for the [cognito] lines of this sign-up.'));
      return results;
    }
    results.push(pass(`a rider (${rider.email}) signs up, gets a code in the mailbox, confirms it and signs in with SRP`));
    const claims = decodeClaims(rider.idToken);
    const issuer = `https://cognito-idp.${t.region}.amazonaws.com/${t.userPoolId}`;
    const what = 'the ID token is this pool\'s: issuer, audience (the app client) and token_use "id"';
    results.push(
      claims.iss === issuer && claims.aud === t.userPoolClientId && claims.token_use === 'id' && claims.email === rider.email
        ? pass(what)
        : fail(what, `iss ${String(claims.iss)}, aud ${String(claims.aud)}, token_use ${String(claims.token_use)}`),
    );
    return results;
  },
};

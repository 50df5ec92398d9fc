import { fail, pass, shown, type Checkpoint, type CheckResult } from '../checkpoint.js';
import { modeCheck } from './mode.js';

/** Module 2 extension: AWS_IAM on POST /ride, SigV4 with the identity pool's credentials. */
export const iamSigv4: Checkpoint = {
  module: '2x',
  title: 'IAM authorization: SigV4 with identity-pool credentials',
  async run(probe) {
    const mode = modeCheck(probe, 'iam');
    if (!mode.ok) return [mode];
    const results: CheckResult[] = [mode];
    const apiKey = probe.target.apiKey ? { apiKey: probe.target.apiKey } : {};
    const unsigned = await probe.call({ ...apiKey });
    results.push(
      unsigned.status === 403 && /Missing Authentication Token/.test(unsigned.text)
        ? pass('POST /ride without a signature gets 403 Missing Authentication Token')
        : fail('POST /ride without a signature gets 403 Missing Authentication Token', `got ${shown(unsigned)}`, 'The method needs authorization type AWS_IAM (lib/auth-modes/iam.ts).'),
    );
    const rider = await probe.rider();
    const withToken = await probe.call({ ...apiKey, token: rider.idToken }, undefined, 'cognito');
    results.push(
      withToken.status === 403
        ? pass('POST /ride with an ID token instead of a signature gets 403 (IAM wants a signature)')
        : fail('POST /ride with an ID token instead of a signature gets 403', `got ${shown(withToken)}`),
    );
    let auth;
    try {
      auth = await probe.riderAuth();
      results.push(pass("the identity pool trades the rider's ID token for temporary AWS credentials (GetId, GetCredentialsForIdentity)"));
    } catch (err) {
      results.push(fail("the identity pool trades the rider's ID token for temporary AWS credentials", (err as Error).message, 'The identity pool must trust this user pool and client (lib/identity.ts).'));
      return results;
    }
    const signed = await probe.call({ ...apiKey, ...auth.auth });
    results.push(
      signed.status === 201 && (signed.json as { Rider?: string }).Rider === auth.expectedRider
        ? pass("POST /ride signed with SigV4 gets 201, booked for the rider (their user-pool sub)")
        : fail("POST /ride signed with SigV4 gets 201, booked for the rider (their user-pool sub)", `got ${shown(signed)}`, "The riders' role must allow execute-api:Invoke on POST /ride (Rides.grantInvokeRide)."),
    );
    return results;
  },
};

import { fail, pass, shown, type Checkpoint, type CheckResult } from '../checkpoint.js';
import { modeCheck } from './mode.js';

/** Module 2: the Cognito user-pool authorizer reads the ID token from Authorization. */
export const cognitoAuthorizer: Checkpoint = {
  module: '2',
  title: 'The Cognito authorizer on POST /ride',
  async run(probe) {
    const mode = modeCheck(probe, 'cognito');
    if (!mode.ok) return [mode];
    const results: CheckResult[] = [mode];
    const apiKey = probe.target.apiKey ? { apiKey: probe.target.apiKey } : {};
    const anonymous = await probe.call({ ...apiKey });
    results.push(
      anonymous.status === 401
        ? pass('POST /ride without a token gets 401 Unauthorized')
        : fail('POST /ride without a token gets 401 Unauthorized', `got ${shown(anonymous)}`, 'The method needs the Cognito authorizer (lib/auth-modes/cognito.ts).'),
    );
    const rider = await probe.rider();
    const [head, payload, signature] = rider.idToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), 'cognito:username': 'someone-else' })).toString('base64url');
    const forged = await probe.call({ ...apiKey, token: `${head}.${forgedPayload}.${signature}` });
    results.push(
      forged.status === 401
        ? pass('POST /ride with a tampered ID token gets 401 (the signature is checked)')
        : fail('POST /ride with a tampered ID token gets 401 (the signature is checked)', `got ${shown(forged)}`),
    );
    const { auth, expectedRider } = await probe.riderAuth();
    const booked = await probe.call({ ...apiKey, ...auth });
    const rider201 = (booked.json as { Rider?: string } | undefined)?.Rider;
    results.push(
      booked.status === 201 && rider201 === expectedRider
        ? pass('POST /ride with a valid ID token gets 201, and the ride is booked for that rider (cognito:username)')
        : fail('POST /ride with a valid ID token gets 201, booked for that rider', `got ${shown(booked)}`, 'The ride function reads the rider from requestContext.authorizer.claims (lambda/ride/rider.ts).'),
    );
    return results;
  },
};

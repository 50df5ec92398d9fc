import { fail, pass, shown, type Checkpoint, type CheckResult } from '../checkpoint.js';
import { modeCheck } from './mode.js';

/** Module 3: a Lambda TOKEN authorizer verifies the ID token and returns a policy. */
export const lambdaAuthorizer: Checkpoint = {
  module: '3',
  title: 'The Lambda authorizer',
  async run(probe) {
    const mode = modeCheck(probe, 'lambda');
    if (!mode.ok) return [mode];
    const results: CheckResult[] = [mode];
    const apiKey = probe.target.apiKey ? { apiKey: probe.target.apiKey } : {};
    const anonymous = await probe.call({ ...apiKey });
    results.push(
      anonymous.status === 401
        ? pass('POST /ride without a token gets 401 (API Gateway does not even call the authorizer)')
        : fail('POST /ride without a token gets 401', `got ${shown(anonymous)}`, 'The method needs the TOKEN authorizer on the Authorization header (lib/auth-modes/lambda.ts).'),
    );
    const rider = await probe.rider();
    const access = await probe.call({ ...apiKey, token: rider.accessToken });
    results.push(
      access.status === 401
        ? pass('POST /ride with an access token gets 401 (the authorizer accepts only ID tokens)')
        : fail('POST /ride with an access token gets 401', `got ${shown(access)}`, 'The authorizer should verify with tokenUse "id" (lambda/authorizer/).'),
    );
    const { auth, expectedRider } = await probe.riderAuth();
    const booked = await probe.call({ ...apiKey, ...auth });
    results.push(
      booked.status === 201 && (booked.json as { Rider?: string }).Rider === expectedRider
        ? pass("POST /ride with a valid ID token gets 201, booked for the authorizer's username")
        : fail("POST /ride with a valid ID token gets 201, booked for the authorizer's username", `got ${shown(booked)}`),
    );
    return results;
  },
};

import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DISPATCHERS_GROUP } from '../../../lambda/dispatch-rides/may-dispatch.js';
import { adminIdpClient } from '../../shared/cognito-clients.js';
import { explained } from '../../shared/service-errors.js';
import { fail, pass, shown, type Checkpoint, type CheckResult } from '../checkpoint.js';

interface RidePage {
  Rides?: { RideId?: string; Rider?: string }[];
}
const ridesOf = (json: unknown) => (json as RidePage | undefined)?.Rides ?? [];

/**
 * Module 5: what a signed-in rider may read. Two fresh probe riders: the first books a ride and sees
 * it (and only it) in GET /rides; the second sees none of it, gets 404 for it (not 403: whether a
 * ride id exists is not told to someone else), and neither may list every ride until the second is
 * added to the dispatchers group and signs in again (groups reach only new tokens).
 */
export const authorization: Checkpoint = {
  module: '5',
  title: 'Authorization: each rider reads their own rides, dispatchers all of them',
  async run(probe) {
    const modeWhat = 'the stack is in cognito, iam or lambda mode (the API knows who the rider is)';
    if (probe.mode === 'none') {
      return [fail(modeWhat, 'it is in none mode: every ride is anonymous\'s', 'Stop the local cloud (Ctrl-C) and start it with `npm start -- --auth-mode cognito` (or iam, or lambda).')];
    }
    const results: CheckResult[] = [pass(modeWhat)];
    // With -c requireScopes=true (module 6) the methods want an access token with the API's scopes, which
    // only the hosted UI issues; the probe riders sign in with SRP. The outputs say so before any call.
    const tokensWhat = 'the API takes ID tokens (this checkpoint signs its probe riders in with SRP)';
    if (probe.target.tokenUse === 'access') {
      results.push(
        fail(tokensWhat, 'the stack has -c requireScopes=true: the API takes only access tokens with the wildrydes/* scopes (ApiTokenUse access)', 'Start the local cloud again without `-c requireScopes=true` for this checkpoint; module 6 turns it on.'),
      );
      return results;
    }
    const apiKey = probe.target.apiKey ? { apiKey: probe.target.apiKey } : {};
    const ana = await probe.riderAuth();
    const auth = { ...apiKey, ...ana.auth };
    const booked = await probe.call(auth);
    const rideId = (booked.json as { RideId?: string } | undefined)?.RideId;
    if (booked.status !== 201 || !rideId) {
      // -c requireScopes=true is refused above from the outputs, so a refusal here is the mode's own module.
      const fix = `Module 2 first: \`npm run checkpoint -- ${probe.mode === 'iam' ? '2x' : probe.mode === 'lambda' ? '3' : '2'}\`.`;
      results.push(fail('a probe rider books a ride (POST /ride gets 201)', `got ${shown(booked)}`, fix));
      return results;
    }

    const own = await probe.call(auth, { method: 'GET', path: 'rides' });
    const ownRides = ridesOf(own.json);
    results.push(
      own.status === 200 && ownRides.length === 1 && ownRides[0]!.RideId === rideId && ownRides[0]!.Rider === ana.expectedRider
        ? pass('GET /rides answers the rider\'s own ride, and no one else\'s')
        : fail('GET /rides answers the rider\'s own ride, and no one else\'s', `got ${shown(own)}`, 'GET /rides must query the ByRider index with the caller\'s sub only (lambda/my-rides), never a rider id from the request.'),
    );
    const detail = await probe.call(auth, { method: 'GET', path: `rides/${encodeURIComponent(rideId)}` });
    results.push(
      detail.status === 200 && (detail.json as { RideId?: string }).RideId === rideId
        ? pass('GET /rides/{rideId} answers 200 for the rider\'s own ride')
        : fail('GET /rides/{rideId} answers 200 for the rider\'s own ride', `got ${shown(detail)}`),
    );

    const benRider = await probe.newRider();
    const ben = { ...apiKey, ...(await probe.riderAuth(benRider)).auth };
    const theirs = await probe.call(ben, { method: 'GET', path: 'rides' });
    results.push(
      theirs.status === 200 && !ridesOf(theirs.json).some((r) => r.RideId === rideId)
        ? pass('a second rider\'s GET /rides does not show the first rider\'s ride')
        : fail('a second rider\'s GET /rides does not show the first rider\'s ride', `got ${shown(theirs)}`, 'GET /rides must list the caller\'s rides only.'),
    );
    const notYours = await probe.call(ben, { method: 'GET', path: `rides/${encodeURIComponent(rideId)}` });
    results.push(
      notYours.status === 404
        ? pass('the second rider gets 404 for GET /rides/{the first rider\'s ride}')
        : fail('the second rider gets 404 for GET /rides/{the first rider\'s ride}', `got ${shown(notYours)}`, 'Another rider\'s ride must look like no ride at all: 404, so ride ids cannot be probed.'),
    );
    const dispatch = await probe.call(auth, { method: 'GET', path: 'dispatch/rides' });
    results.push(
      dispatch.status === 403
        ? pass('GET /dispatch/rides is refused (403) to a rider who is not a dispatcher')
        : fail('GET /dispatch/rides is refused (403) to a rider who is not a dispatcher', `got ${shown(dispatch)}`, `Only members of the ${DISPATCHERS_GROUP} group may list every ride (lambda/dispatch-rides/may-dispatch.ts).`),
    );

    if (!probe.target.admin) return results;
    const admin = adminIdpClient(probe.target);
    try {
      await explained('Cognito', probe.target.userPoolEndpoint, () =>
        admin.send(new AdminAddUserToGroupCommand({ UserPoolId: probe.target.userPoolId, Username: benRider.email, GroupName: DISPATCHERS_GROUP })),
      );
    } catch (err) {
      results.push(fail(`the local administrator adds the second rider to the ${DISPATCHERS_GROUP} group`, (err as Error).message, `The user pool needs the group ${DISPATCHERS_GROUP} (lib/dispatchers.ts).`));
      return results;
    } finally {
      admin.destroy();
    }
    const dispatcher = { ...apiKey, ...(await probe.riderAuth(await probe.signIn(benRider.email, benRider.password))).auth };
    const all = await probe.call(dispatcher, { method: 'GET', path: 'dispatch/rides' });
    results.push(
      all.status === 200 && ridesOf(all.json).some((r) => r.RideId === rideId)
        ? pass(`a member of ${DISPATCHERS_GROUP}, signed in again, gets 200 from GET /dispatch/rides with the first rider's ride`)
        : fail(
            `a member of ${DISPATCHERS_GROUP}, signed in again, gets 200 from GET /dispatch/rides with the first rider's ride`,
            `got ${shown(all)}`,
            probe.mode === 'iam'
              ? `In iam mode the identity pool must give ${DISPATCHERS_GROUP} their group's role (role mapping of type Token, lib/identity.ts), and only that role may invoke GET /dispatch/rides.`
              : `The function must read the caller's groups (cognito:groups) and let ${DISPATCHERS_GROUP} through.`,
          ),
    );
    return results;
  },
};

import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { AdminAddUserToGroupCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePageToken } from '../../../lambda/rides-read/page-request.js';
import type { AuthMode } from '../../../local/cloud.js';
import { PASSWORD, quickRider, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';
import { send, signCall } from '../support/sigv4-client.js';

/** A signed-in person as each mode's caller presents them: an ID token, or identity-pool credentials for iam. */
interface Caller {
  email: string;
  sub: string;
  request(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; json: any; headers: Headers }>;
}

/**
 * Issue 12 against the local cloud, in one auth mode: each rider sees only their
 * own rides, another rider's ride is a 404, the dispatch list is refused to
 * riders by the mode's own layer and served to a member of "dispatchers"
 * (added with the administrator's credentials), paging through real GET events.
 */
export function authorizationSuite(mode: Exclude<AuthMode, 'none'>) {
  let t: TestCloud;
  let alice: Caller;
  let bob: Caller;
  const aliceRides: string[] = [];
  let bobRide: string;

  async function signIn(email: string): Promise<string> {
    const auth = await t.idp.send(new InitiateAuthCommand({ ClientId: t.out.UserPoolClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
    return auth.AuthenticationResult!.IdToken!;
  }

  async function callerFor(email: string, idToken: string): Promise<Caller> {
    const sub = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()).sub as string;
    if (mode !== 'iam') {
      return { email, sub, request: (method, path, body) => t.post(path, { method, headers: { authorization: idToken }, ...(body ? { body } : {}) }) };
    }
    // iam: the identity pool's credentials for this token (the role its Token mapping chooses), and a SigV4 signature per call.
    const identity = new CognitoIdentityClient({ region: t.out.Region!, endpoint: t.out.IdentityPoolEndpoint ?? t.out.UserPoolEndpoint!, maxAttempts: 1 });
    const Logins = { [`cognito-idp.${t.out.Region}.amazonaws.com/${t.out.UserPoolId}`]: idToken };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: t.out.IdentityPoolId!, Logins }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    identity.destroy();
    const credentials = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! };
    return { email, sub, request: async (method, path, body) => send(await signCall(t.out.ApiUrl!, path, credentials, { method, body: body ?? '' })) };
  }

  const riderNamed = async () => {
    const { email, idToken } = await quickRider(t);
    return callerFor(email, idToken);
  };
  const ids = (r: { json: any }) => r.json.Rides.map((ride: { RideId: string }) => ride.RideId);
  const book = async (caller: Caller) => {
    const r = await caller.request('POST', 'ride', JSON.stringify({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 } }));
    expect(r.status).toBe(201);
    return r.json.RideId as string;
  };

  beforeAll(async () => {
    t = await startTestCloud(mode, await synthFor(mode));
    alice = await riderNamed();
    bob = await riderNamed();
    aliceRides.unshift(await book(alice));
    aliceRides.unshift(await book(alice));
    aliceRides.unshift(await book(alice));
    bobRide = await book(bob);
  });
  afterAll(async () => {
    await t?.close();
    removeAssemblies();
  });

  describe(`authMode=${mode}: authorization of the read methods`, () => {
    it('GET /rides answers each rider their own rides, newest first, stored under their user-pool sub', async () => {
      const mine = await alice.request('GET', 'rides');
      expect(mine.status).toBe(200);
      expect(mine.headers.get('access-control-allow-origin')).toBe('*');
      expect(ids(mine)).toEqual(aliceRides);
      expect(new Set(mine.json.Rides.map((ride: { Rider: string }) => ride.Rider))).toEqual(new Set([alice.sub]));
      expect(ids(await bob.request('GET', 'rides'))).toEqual([bobRide]);
    });

    it('pages through API Gateway\'s GET event (queryStringParameters), and a bad limit is a 400 saying why', async () => {
      const first = await alice.request('GET', 'rides?limit=2');
      expect(ids(first)).toEqual(aliceRides.slice(0, 2));
      const second = await alice.request('GET', `rides?limit=2&nextToken=${encodeURIComponent(first.json.NextToken)}`);
      expect(ids(second)).toEqual(aliceRides.slice(2));
      expect(second.json).not.toHaveProperty('NextToken');
      const bad = await alice.request('GET', 'rides?limit=500');
      expect(bad.status).toBe(400);
      expect(bad.json.message).toMatch(/limit must be a whole number from 1 to 50/);
      // A token made to point into Bob's list does not page Alice into Bob's rides.
      const forged = encodePageToken({ RideId: bobRide, User: bob.sub, RequestTime: '9999-12-31T00:00:00.000Z' });
      const bobs = await alice.request('GET', `rides?nextToken=${forged}`);
      expect(bobs.status).toBe(400);
      expect(bobs.json.message).toMatch(/nextToken is not a token this list returned/);
    });

    it('GET /rides/{rideId}: one\'s own ride; another rider\'s ride and a missing one are the same 404', async () => {
      const own = await alice.request('GET', `rides/${aliceRides[0]}`);
      expect(own.status).toBe(200);
      expect(own.json).toMatchObject({ RideId: aliceRides[0], Rider: alice.sub });
      const others = await alice.request('GET', `rides/${bobRide}`);
      const missing = await alice.request('GET', 'rides/AAAAAAAAAAAAAAAAAAAAAA');
      expect(others.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(others.json).toEqual(missing.json);
      expect(others.json).toEqual({ message: expect.any(String) });
    });

    it('GET /dispatch/rides is refused to a rider by the mode\'s layer', async () => {
      const refused = await alice.request('GET', 'dispatch/rides');
      expect(refused.status).toBe(403);
      if (mode === 'iam') {
        // API Gateway's IAM refusal, from the riders' role's policies: the function never runs.
        expect(refused.json).toEqual({
          Message: expect.stringMatching(
            /^User: arn:aws:sts::123456789012:assumed-role\/[\w-]+\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:\w+\/prod\/GET\/dispatch\/rides$/,
          ),
        });
      } else if (mode === 'lambda') {
        // The authorizer's cached Allow names the rider methods only.
        expect(refused.json).toEqual({ Message: 'User is not authorized to access this resource' });
      } else {
        // cognito: the user-pool authorizer lets every rider in; the function reads cognito:groups.
        expect(refused.json).toEqual({ message: "Only members of the dispatchers group may list every rider's rides" });
      }
    });

    it('a member of "dispatchers" (added with the administrator\'s credentials, then signed in again) lists every rider\'s rides', async () => {
      const dispatcherRider = await quickRider(t);
      await t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: t.out.UserPoolId!, Username: dispatcherRider.email, GroupName: 'dispatchers' }));
      const dispatcher = await callerFor(dispatcherRider.email, await signIn(dispatcherRider.email));
      const all = await dispatcher.request('GET', 'dispatch/rides?limit=50');
      expect(all.status).toBe(200);
      expect(ids(all)).toEqual(expect.arrayContaining([...aliceRides, bobRide]));
      const times = all.json.Rides.map((ride: { RequestTime: string }) => ride.RequestTime);
      expect(times).toEqual([...times].sort().reverse());
      // A dispatcher is still a rider: their own list is their own.
      expect((await dispatcher.request('GET', 'rides')).json.Rides).toEqual([]);
    });
  });
}

import { post } from 'aws-amplify/api';
import { Amplify } from 'aws-amplify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplifyRider, amplifySignIn, configureAmplify } from './support/amplify.js';
import { PICKUP, patchedAssembly, removeAssemblies, startTestCloud, synthFor, type TestCloud } from './support/cloud.js';
import { send, signCall, type Credentials } from './support/sigv4-client.js';

/** authMode=iam: AWS_IAM on POST /ride, with identity-pool credentials, real SigV4 signatures and the template's policies. */
let assemblyDir: string;
let t: TestCloud;
let rider: { email: string; credentials: Credentials; identityId: string; sub: string };
const body = JSON.stringify(PICKUP);

beforeAll(async () => {
  assemblyDir = await synthFor('iam');
  t = await startTestCloud('iam', assemblyDir);
  configureAmplify(t.out);
  const signedIn = await amplifyRider(t.out);
  const sub = JSON.parse(Buffer.from(signedIn.idToken.split('.')[1]!, 'base64url').toString()).sub as string;
  rider = { email: signedIn.email, credentials: signedIn.credentials!, identityId: signedIn.identityId!, sub };
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

async function refusedWith(response: Promise<{ status: number; json: any; headers: Headers }>, expected: { status?: number; message?: string | RegExp; Message?: string | RegExp }) {
  const before = { invocations: t.invocations(), rides: (await t.rides()).length };
  const r = await response;
  expect(r.status).toBe(expected.status ?? 403);
  if (expected.message !== undefined) expect(r.json?.message).toMatch(expected.message);
  if (expected.Message !== undefined) expect(r.json?.Message).toMatch(expected.Message);
  expect(r.headers.get('access-control-allow-origin')).toBe('*');
  expect(t.invocations()).toBe(before.invocations);
  expect((await t.rides()).length).toBe(before.rides);
}

describe('authMode=iam: a rider’s full path', () => {
  it('books a ride signed with @smithy/signature-v4 and the identity pool’s credentials; the function sees the identity', async () => {
    const r = await send(await signCall(t.out.ApiUrl!, 'ride', rider.credentials, { body }));
    expect(r.status).toBe(201);
    const stored = (await t.rides()).find((ride) => ride.RideId === r.json.RideId);
    expect(stored).toBeDefined();
    // The rider is the user-pool sub at the end of the cognitoAuthenticationProvider API Gateway put in
    // requestContext.identity: the same rider as in cognito mode, not the identity id.
    expect(stored!.User).toBe(rider.sub);
    expect(r.json.Rider).toBe(rider.sub);
  });

  it('books a ride through Amplify’s own REST client, which signs every header it sends', async () => {
    Amplify.configure({ ...Amplify.getConfig(), API: { REST: { WildRydes: { endpoint: t.out.ApiUrl!.replace(/\/$/, ''), region: t.out.Region!, service: 'execute-api' } } } });
    const { body: answer, statusCode } = await post({ apiName: 'WildRydes', path: '/ride', options: { body: PICKUP } }).response;
    expect(statusCode).toBe(201);
    expect(((await answer.json()) as { RideId: string }).RideId).toMatch(/^[\w-]{22}$/);
  });
});

describe('authMode=iam: attacks, each answered 403 as API Gateway does, without running the function', () => {
  it('an unsigned request', () => refusedWith(t.post('ride', { body }), { message: 'Missing Authentication Token' }));

  it('an ID token instead of a signature', async () => {
    const { idToken } = await amplifySignIn(rider.email);
    await refusedWith(t.post('ride', { body, headers: { authorization: idToken } }), { message: /^Authorization header requires 'Credential' parameter\./ });
  });

  it('a signature over a different body', async () => {
    const call = await signCall(t.out.ApiUrl!, 'ride', rider.credentials, { body });
    await refusedWith(send(call, { body: JSON.stringify({ PickupLocation: { Latitude: 0, Longitude: 0 } }) }), {
      message: /^The request signature we calculated does not match the signature you provided/,
    });
  });

  it('a signature over a different path', async () => {
    const call = await signCall(t.out.ApiUrl!, 'ride', rider.credentials, { body });
    await refusedWith(send(call, { url: `${t.out.ApiUrl}ride/` }), { message: /does not match the signature you provided/ });
  });

  it('a signature over a different header value', async () => {
    const call = await signCall(t.out.ApiUrl!, 'ride', rider.credentials, { body, headers: { 'x-amz-user-agent': 'rider/1.0' } });
    await refusedWith(send(call, { headers: { 'x-amz-user-agent': 'rider/2.0' } }), { message: /does not match the signature you provided/ });
  });

  it('a date outside the five-minute window, either way', async () => {
    const old = await signCall(t.out.ApiUrl!, 'ride', rider.credentials, { body, date: new Date(Date.now() - 6 * 60_000) });
    await refusedWith(send(old), { message: /^Signature expired: \d{8}T\d{6}Z is now earlier than/ });
    const ahead = await signCall(t.out.ApiUrl!, 'ride', rider.credentials, { body, date: new Date(Date.now() + 6 * 60_000) });
    await refusedWith(send(ahead), { message: /^Signature not yet current:/ });
  });

  it('an access key the identity pool never issued', async () => {
    const forged = { accessKeyId: 'ASIAFORGED0000000000', secretAccessKey: 'guess', sessionToken: 'guess' };
    await refusedWith(send(await signCall(t.out.ApiUrl!, 'ride', forged, { body })), { message: 'The security token included in the request is invalid.' });
  });

  it('an issued key with a session token that is not its own', async () => {
    const call = await signCall(t.out.ApiUrl!, 'ride', { ...rider.credentials, sessionToken: `${rider.credentials.sessionToken}x` }, { body });
    await refusedWith(send(call), { message: 'The security token included in the request is invalid.' });
  });

  it('an expired session token', async () => {
    // Cognito's clock set two hours back hands out credentials whose hour is already over.
    t.clock.offsetMs = -2 * 3600_000;
    let expired: Credentials;
    try {
      expired = (await amplifySignIn(rider.email)).credentials!;
    } finally {
      t.clock.offsetMs = 0;
    }
    await refusedWith(send(await signCall(t.out.ApiUrl!, 'ride', expired, { body })), { message: 'The security token included in the request is expired' });
  });
});

describe('authMode=iam: the role’s policies come from the template', () => {
  it('refuses a role whose policy does not cover the path, with IAM’s capital-M message', async () => {
    // The same stack with the riders' policy narrowed to another path: the local API follows the template.
    const narrowed = patchedAssembly(assemblyDir, (template) => {
      const [, policy] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith('RidesStandardUserPolicy'))!;
      const statement = policy.Properties!.PolicyDocument.Statement[0];
      // Every rider method but POST /ride stays; POST /ride itself points elsewhere.
      statement.Resource = (statement.Resource as { 'Fn::Join': [string, unknown[]] }[]).map((arn) => {
        const join = structuredClone(arn);
        if (join['Fn::Join'][1].at(-1) === '/prod/POST/ride') join['Fn::Join'][1][join['Fn::Join'][1].length - 1] = '/prod/POST/rides-elsewhere';
        return join;
      });
    });
    const dataDir = t.dataDir;
    await t.close(true);
    t = await startTestCloud('iam', narrowed, { dataDir });
    try {
      configureAmplify(t.out);
      const { credentials, identityId } = await amplifySignIn(rider.email);
      const r = send(await signCall(t.out.ApiUrl!, 'ride', credentials!, { body }));
      await refusedWith(r, {
        Message: /^User: arn:aws:sts::123456789012:assumed-role\/[\w-]+\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:\w+\/prod\/POST\/ride$/,
      });
      expect(identityId).toBe(rider.identityId);
    } finally {
      const keep = t.dataDir;
      await t.close(true);
      t = await startTestCloud('iam', assemblyDir, { dataDir: keep });
    }
  });
});

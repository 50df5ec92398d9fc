import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPostman } from '../../../tools/postman/collection.js';
import { loadTarget } from '../../../tools/shared/target.js';
import { removeAssemblies, startTestCloud, synthFor, uniqueEmail, type TestCloud } from '../support/cloud.js';
import { replay } from './support/postman-replay.js';
import { binary, checkpoint, postman, rider } from './support/run-tool.js';

/**
 * The attendee tools against a local cloud in iam mode with API keys on (the
 * assembly access-controls-iam.test.ts also uses): SigV4 with identity-pool
 * credentials plus the usage plan's key, checkpoints 2x and 4.
 */
let t: TestCloud;
let O: string[];
const PASSWORD = 'Unicorns-4-ever!';
let email: string;
beforeAll(async () => {
  t = await startTestCloud('iam', await synthFor('iam', { apiKeys: 'true', allowedSourceCidrs: '127.0.0.1/32,::1/128' }));
  O = ['--outputs', t.cloud.outputsFile];
  email = uniqueEmail('iam');
  for (const argv of [
    ['sign-up', '--email', email, '--password', PASSWORD],
    ['confirm', '--email', email],
    ['sign-in', '--email', email, '--password', PASSWORD],
  ]) {
    const r = await rider(...argv, ...O);
    if (r.code !== 0) throw new Error(r.stderr);
  }
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe('npm run rider, iam mode', () => {
  it('ride (a real process) signs with SigV4 and the identity pool\'s credentials, sends the key, and the ride is the rider\'s (their sub)', async () => {
    const r = await binary('rider', ['ride', '--lat', '47.6', '--lng', '-122.3', ...O]);
    expect(r.code, r.stderr).toBe(0);
    const [, rideId, riderId] = /Ride (\S+) for rider (\S+)\./.exec(r.stdout)!;
    const session = JSON.parse(readFileSync(join(t.dataDir, 'rider', `${t.out.UserPoolId}.json`), 'utf8'));
    // The rider is the user-pool sub in every mode (read from the signer's cognitoAuthenticationProvider).
    expect(riderId).toBe(JSON.parse(Buffer.from(session.idToken.split('.')[1], 'base64url').toString()).sub);
    expect(session.identityId).toMatch(/^us-east-1:/);
    expect(session.credentials.accessKeyId).toMatch(/^ASIA/);
    expect((await t.rides()).find((ride) => ride.RideId === rideId)).toBeDefined();
  });

  it('without a signature: 403 Missing Authentication Token, explained', async () => {
    const r = await rider('ride', '--lat', '1', '--lng', '2', '--anonymous', ...O);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/403 \{"message":"Missing Authentication Token"\}[\s\S]*iam mode wants a SigV4 signature/);
  });

  it('without the usage plan\'s key: 403 Forbidden, explained', async () => {
    const r = await rider('ride', '--lat', '1', '--lng', '2', '--api-key', 'not-the-key', ...O);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/403 \{"message":"Forbidden"\}[\s\S]*API key/);
  });

  it('whoami names the identity whose credentials sign', async () => {
    const r = await rider('whoami', '--json', ...O);
    expect(r.code, r.stderr).toBe(0);
    const who = JSON.parse(r.stdout);
    expect(who.identityId).toMatch(/^us-east-1:/);
    expect(who.claims.email).toBe(email);
    expect(who.accessKeyId).toMatch(/^ASIA/);
    // token prints the ID token all the same (iam mode signs with credentials bought with it).
    expect((await rider('token', ...O)).stdout.trim().split('.')).toHaveLength(3);
  });
});

describe('npm run checkpoint, iam mode with API keys', () => {
  it('checkpoint 2x passes: unsigned 403, an ID token 403, credentials from the identity pool, signed 201', async () => {
    const r = await checkpoint('2x', ...O);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✔ pass\s+POST \/ride without a signature gets 403 Missing Authentication Token/);
    expect(r.stdout).toMatch(/✔ pass\s+POST \/ride signed with SigV4 gets 201/);
  });

  it('checkpoint 4 passes: no key 403, a wrong key 403, the key 201', async () => {
    const r = await checkpoint('4', ...O);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/All 4 checks pass: module 4 is done/);
  });

  it('checkpoint 5 passes with SigV4: own rides only, 404 for another rider\'s ride, 403 on /dispatch/rides until the dispatchers\' role', async () => {
    const r = await checkpoint('5', ...O);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✔ pass\s+GET \/dispatch\/rides is refused \(403\) to a rider who is not a dispatcher/);
    expect(r.stdout).toMatch(/✔ pass\s+a member of dispatchers, signed in again, gets 200 from GET \/dispatch\/rides/);
    expect(r.stdout).toMatch(/All 7 checks pass: module 5 is done/);
  });

  it('checkpoint 7 passes: the identity pool\'s credentials write under their own prefix only', async () => {
    const r = await checkpoint('7', ...O);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/All 5 checks pass: module 7 is done/);
  });

  it('checkpoint 2 fails: the stack is in iam mode, not cognito', async () => {
    const r = await checkpoint('2', ...O);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ missing\s+the stack is in cognito mode\n\s+seen: it is in iam mode\n\s+to do: .*npm start -- --auth-mode cognito/);
  });
});

describe('npm run postman, iam mode', () => {
  it('the ride request uses Postman\'s awsv4 auth with the identity pool\'s credentials and sends x-api-key', () => {
    const { collection, environment } = buildPostman(loadTarget({ outputs: t.cloud.outputsFile }));
    const ride = collection.item.at(-1)!;
    expect(ride.request.auth).toEqual({
      type: 'awsv4',
      awsv4: [
        { key: 'accessKey', value: '{{accessKeyId}}', type: 'string' },
        { key: 'secretKey', value: '{{secretAccessKey}}', type: 'string' },
        { key: 'sessionToken', value: '{{sessionToken}}', type: 'string' },
        { key: 'region', value: '{{region}}', type: 'string' },
        { key: 'service', value: 'execute-api', type: 'string' },
      ],
    });
    expect(ride.request.header).toContainEqual({ key: 'x-api-key', value: '{{apiKey}}' });
    expect(ride.request.header.map((h) => h.key)).not.toContain('Authorization');
    expect(environment.values.find((v) => v.key === 'apiKey')?.value).toBe(t.out.ApiKey);
  });

  it('replayed in order: sign-up to credentials, then a SigV4-signed ride, 201', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wr-postman-'));
    const r = await postman(...O, '--out-dir', dir);
    expect(r.code, r.stderr).toBe(0);
    const [collection, environment] = [...r.stdout.matchAll(/^(?:Collection|Environment):\s+(\S+)$/gm)].map((m) => JSON.parse(readFileSync(m[1]!, 'utf8')));
    const steps = await replay(collection, environment, { email: uniqueEmail('postman-iam') });
    expect(steps.map((s) => [s.name, s.status, s.failed])).toEqual([
      ['1. Sign up', 200, []],
      ['2a. Read the code (local mailbox)', 200, []],
      ['2b. Confirm sign-up', 200, []],
      ['3. Sign in (USER_PASSWORD_AUTH)', 200, []],
      ['4. Identity id (GetId)', 200, []],
      ['5. Credentials (GetCredentialsForIdentity)', 200, []],
      ['6. Book a ride (POST /ride)', 201, []],
    ]);
  });
});

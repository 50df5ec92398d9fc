import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeClaims } from '../../../tools/shared/jwt.js';
import { removeAssemblies, startTestCloud, synthFor, uniqueEmail, type TestCloud } from '../support/cloud.js';
import { replay } from './support/postman-replay.js';
import { binary, checkpoint, postman, rider } from './support/run-tool.js';

/** The attendee tools against a local cloud in cognito mode (the default): rider CLI, checkpoints, Postman collection. */
let t: TestCloud;
let O: string[];
const PASSWORD = 'Unicorns-4-ever!';
beforeAll(async () => {
  t = await startTestCloud('cognito', await synthFor('cognito'));
  O = ['--outputs', t.cloud.outputsFile];
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe('npm run rider, cognito mode', () => {
  it('the tutorial in the terminal, as real processes: sign-up, confirm from the mailbox, SRP sign-in, a ride booked for the rider', async () => {
    const email = uniqueEmail('cli');
    const env = { RIDER_PASSWORD: PASSWORD };
    const up = await binary('rider', ['sign-up', '--email', email, ...O], env);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/mailed a verification code .* in the mailbox/);
    const confirmed = await binary('rider', ['confirm', '--email', email, ...O]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toMatch(/Read code \d{6} .* from the local mailbox[\s\S]*Confirmed/);
    const signedIn = await binary('rider', ['sign-in', '--email', email, ...O], env);
    expect(signedIn.code, signedIn.stderr).toBe(0);
    const file = /Tokens stored in (\S+) \(mode 0600\)/.exec(signedIn.stdout)?.[1];
    expect(file).toBe(join(t.dataDir, 'rider', `${t.out.UserPoolId}.json`));
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(statSync(join(file!, '..')).mode & 0o777).toBe(0o700);
    const booked = await binary('rider', ['ride', '--lat', '47.6', '--lng', '-122.3', ...O]);
    expect(booked.code, booked.stderr).toBe(0);
    const rideId = /Ride (\S+) for rider (\S+)\./.exec(booked.stdout);
    const username = decodeClaims(JSON.parse(readFileSync(file!, 'utf8')).idToken)['cognito:username'];
    expect(rideId?.[2]).toBe(username);
    expect((await t.rides()).some((r) => r.RideId === rideId?.[1])).toBe(true);
  });

  it('ride --anonymous: the API refuses with 401, exit code 1 and what to do', async () => {
    const r = await rider('ride', '--lat', '1', '--lng', '2', '--anonymous', ...O);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The API answered 401 \{"message":"Unauthorized"\}/);
    expect(r.stderr).toMatch(/sign in/);
  });

  it('token prints the ID token (or the access token) alone; a token whose hour is over is refreshed first', async () => {
    const email = uniqueEmail('token');
    await rider('sign-up', '--email', email, '--password', PASSWORD, ...O);
    await rider('confirm', '--email', email, ...O);
    // Cognito's clock two hours back: the tokens of this sign-in are already expired.
    t.clock.offsetMs = -2 * 3600_000;
    try {
      expect((await rider('sign-in', '--email', email, '--password', PASSWORD, ...O)).code).toBe(0);
    } finally {
      t.clock.offsetMs = 0;
    }
    const id = await rider('token', ...O);
    expect(id.code).toBe(0);
    const claims = decodeClaims(id.stdout.trim());
    expect(claims.token_use).toBe('id');
    expect(claims.email).toBe(email);
    expect(Number(claims.exp) * 1000).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(decodeClaims((await rider('token', '--access', ...O)).stdout.trim()).token_use).toBe('access');
    const both = await rider('token', '--id', '--access', ...O);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not both/);
  });

  it('whoami shows the claims, the identity-pool identity and the role', async () => {
    const r = await rider('whoami', ...O);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/username\s+\S+/);
    expect(r.stdout).toMatch(/identity id\s+us-east-1:[0-9a-f-]{36}/);
    // The identity pool's authenticated role, as the stack outputs it (RiderRoleArn).
    expect(r.stdout).toMatch(new RegExp(`role\\s+${t.out.RiderRoleArn}\n`));
    expect(t.out.RiderRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\/\S+$/);
    expect(r.stdout).toMatch(/token_use id, issuer https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\//);
  });

  it('admin-create (the local administrator key) then new-password answers NEW_PASSWORD_REQUIRED; the rider books a ride', async () => {
    const email = uniqueEmail('admin');
    const created = await rider('admin-create', '--email', email, ...O);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/as the local administrator; status FORCE_CHANGE_PASSWORD/);
    const temporary = /Temporary password: (\S+)/.exec(created.stdout)![1]!;
    const plain = await rider('sign-in', '--email', email, '--password', temporary, ...O);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/must choose a new password first:\n  npm run rider -- new-password --email/);
    const changed = await rider('new-password', '--email', email, '--temporary-password', temporary, '--new-password', PASSWORD, ...O);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(/NEW_PASSWORD_REQUIRED answered/);
    expect((await rider('ride', '--lat', '10', '--lng', '20', ...O)).code).toBe(0);
    expect((await rider('sign-in', '--email', email, '--password', PASSWORD, ...O)).code).toBe(0);
  });

  it('rides (GET /rides) lists the ride the rider just booked, and only that one', async () => {
    const email = uniqueEmail('rides');
    for (const argv of [
      ['sign-up', '--email', email, '--password', PASSWORD],
      ['confirm', '--email', email],
      ['sign-in', '--email', email, '--password', PASSWORD],
    ]) {
      const r = await rider(...argv, ...O);
      expect(r.code, r.stderr).toBe(0);
    }
    expect((await rider('rides', ...O)).stdout).toBe('No rides yet.\n');
    const booked = await rider('ride', '--lat', '47.6', '--lng', '-122.3', ...O);
    const rideId = /Ride (\S+) for rider/.exec(booked.stdout)?.[1];
    expect(rideId, booked.stderr).toBeDefined();
    const listed = await rider('rides', ...O);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^\\S+\\s+\\S+\\s+at 47\\.6, -122\\.3  \\(${rideId}\\)\n$`));
    const page = JSON.parse((await rider('rides', '--json', ...O)).stdout);
    expect(page.Rides.map((r: { RideId: string }) => r.RideId)).toEqual([rideId]);
  });

  it('Cognito\'s refusals come with their name and what to do', async () => {
    const wrong = await rider('sign-in', '--email', uniqueEmail('nobody'), '--password', 'Wrong-Passw0rd!', ...O);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^Cognito answered (NotAuthorizedException|UserNotFoundException): .*\n  → /);
    const weak = await rider('sign-up', '--email', uniqueEmail('weak'), '--password', 'short', ...O);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/InvalidPasswordException[\s\S]*12 or more characters/);
  });
});

describe('npm run checkpoint, cognito mode', () => {
  it.each(['0', '1', '2', '5', '6', '7'])('checkpoint %s passes, and says so', async (module) => {
    const r = await checkpoint(module, ...O);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`All \\d+ checks pass: module ${module} is done\\.`));
    expect(r.stdout).not.toMatch(/missing/);
  });

  it('checkpoint 2 names what it checked: 401 without a token, 401 for a tampered one, 201 with the ID token', async () => {
    const r = await checkpoint('2', ...O);
    expect(r.stdout).toMatch(/✔ pass\s+POST \/ride without a token gets 401/);
    expect(r.stdout).toMatch(/✔ pass\s+POST \/ride with a tampered ID token gets 401/);
    expect(r.stdout).toMatch(/✔ pass\s+POST \/ride with a valid ID token gets 201/);
  });

  it('checkpoint 5 names what it checked: own rides only, 404 for another rider\'s ride, 403 then 200 on /dispatch/rides', async () => {
    const r = await checkpoint('5', ...O);
    expect(r.stdout).toMatch(/✔ pass\s+GET \/rides answers the rider's own ride, and no one else's/);
    expect(r.stdout).toMatch(/✔ pass\s+the second rider gets 404 for GET \/rides\/\{the first rider's ride\}/);
    expect(r.stdout).toMatch(/✔ pass\s+GET \/dispatch\/rides is refused \(403\) to a rider who is not a dispatcher/);
    expect(r.stdout).toMatch(/✔ pass\s+a member of dispatchers, signed in again, gets 200 from GET \/dispatch\/rides/);
    expect(r.stdout).toMatch(/All 7 checks pass: module 5 is done/);
  });

  it('checkpoint 6 names what it checked: the discovery endpoints, the refused redirect_uri, PKCE, the sign-in form', async () => {
    const r = await checkpoint('6', ...O);
    expect(r.stdout).toMatch(/✔ pass\s+the pool's \/\.well-known\/openid-configuration names authorization_endpoint, token_endpoint, userinfo_endpoint on http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/✔ pass\s+\/oauth2\/authorize with an unregistered redirect_uri answers 400 with an error page, not a redirect/);
    expect(r.stdout).toMatch(/✔ pass\s+\/oauth2\/authorize without code_challenge redirects back with error=invalid_request/);
    expect(r.stdout).toMatch(new RegExp(`✔ pass\\s+/oauth2/authorize with redirect_uri ${t.out.WebsiteUrl}/auth/callback and an S256 code_challenge shows the sign-in form \\(200, HTML\\)`));
  });

  it('checkpoint 7 writes under the rider\'s own prefix, another rider is refused, and the object is gone again', async () => {
    const r = await checkpoint('7', ...O);
    expect(r.stdout).toMatch(/✔ pass\s+a rider puts an object under their own prefix/);
    expect(r.stdout).toMatch(/✔ pass\s+another rider is refused the first rider's private object \(GetObject: 403 AccessDenied\)/);
    expect(r.stdout).toMatch(/✔ pass\s+another rider is refused writing under the first rider's private prefix \(PutObject: 403 AccessDenied\)/);
    expect(r.stdout).toMatch(/All 5 checks pass: module 7 is done/);
    const admin = new S3Client({ region: t.out.Region!, endpoint: t.out.S3Endpoint!, forcePathStyle: true, credentials: { ...t.cloud.adminCredentials }, maxAttempts: 1 });
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: t.out.RiderFilesBucket!, Prefix: 'private/' }));
    admin.destroy();
    expect((listed.Contents ?? []).map((o) => o.Key).filter((k) => k?.endsWith('/checkpoint.txt'))).toEqual([]);
  });

  it.each([
    ['2x', /the stack is in iam mode\n\s+seen: it is in cognito mode\n\s+to do: .*npm start -- --auth-mode iam/],
    ['3', /the stack is in lambda mode\n\s+seen: it is in cognito mode\n\s+to do: .*npm start -- --auth-mode lambda/],
    ['4', /API keys are on[^\n]*\n\s+seen: the outputs have no ApiKey[^\n]*\n\s+to do: .*npm start -- -c apiKeys=true/],
  ])('checkpoint %s fails in cognito mode with what is missing and what to do', async (module, words) => {
    const r = await checkpoint(module, ...O);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(words);
    expect(r.stdout).toMatch(new RegExp(`0 of 1 checks pass: module ${module} is not done yet`));
  });

  it('leaves no probe rider behind', async () => {
    const users = await t.idp.send(new ListUsersCommand({ UserPoolId: t.out.UserPoolId! }));
    expect((users.Users ?? []).filter((u) => JSON.stringify(u.Attributes).includes('checkpoint-'))).toEqual([]);
  });

  it('an unknown module or none: exit 2 with the list', async () => {
    const unknown = await checkpoint('9', ...O);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no checkpoint for module '9'. The modules are 0, 1, 2, 2x, 3, 4, 5, 6, 7/);
    expect((await checkpoint(...O)).code).toBe(2);
  });
});

describe('npm run postman, cognito mode', () => {
  it('writes a collection whose requests, replayed in order, sign up, confirm, sign in and book a ride with the ID token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wr-postman-'));
    const r = await postman(...O, '--out-dir', dir);
    expect(r.code, r.stderr).toBe(0);
    const files = [...r.stdout.matchAll(/^(?:Collection|Environment):\s+(\S+)$/gm)].map((m) => m[1]!);
    const [collection, environment] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    expect(statSync(files[1]!).mode & 0o777).toBe(0o600);
    const ride = collection.item.at(-1);
    expect(ride.request.header).toContainEqual({ key: 'Authorization', value: '{{idToken}}' });
    const steps = await replay(collection, environment, { email: uniqueEmail('postman') });
    expect(steps.map((s) => [s.name, s.status, s.failed])).toEqual([
      ['1. Sign up', 200, []],
      ['2a. Read the code (local mailbox)', 200, []],
      ['2b. Confirm sign-up', 200, []],
      ['3. Sign in (USER_PASSWORD_AUTH)', 200, []],
      ['4. Book a ride (POST /ride)', 201, []],
    ]);
  });
});

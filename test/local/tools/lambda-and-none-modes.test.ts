import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAssemblies, startTestCloud, synthFor, uniqueEmail, type TestCloud } from '../support/cloud.js';
import { replay } from './support/postman-replay.js';
import { checkpoint, postman, rider, type ToolRun } from './support/run-tool.js';

/** The attendee tools against local clouds in lambda mode and none mode, started side by side once. */
let lambda: TestCloud;
let none: TestCloud;
const PASSWORD = 'Unicorns-4-ever!';
const outputs = (t: TestCloud) => ['--outputs', t.cloud.outputsFile];
beforeAll(async () => {
  [lambda, none] = await Promise.all([startTestCloud('lambda', await synthFor('lambda')), startTestCloud('none', await synthFor('none'))]);
});
afterAll(async () => {
  await Promise.all([lambda?.close(), none?.close()]);
  removeAssemblies();
});

async function replayed(t: TestCloud) {
  const r = await postman(...outputs(t), '--out-dir', mkdtempSync(join(tmpdir(), 'wr-postman-')));
  expect(r.code, r.stderr).toBe(0);
  const [collection, environment] = [...r.stdout.matchAll(/^(?:Collection|Environment):\s+(\S+)$/gm)].map((m) => JSON.parse(readFileSync(m[1]!, 'utf8')));
  return { collection, steps: await replay(collection, environment, { email: uniqueEmail('postman') }) };
}

const ok = (r: ToolRun) => expect(r.code, r.stderr).toBe(0);

describe('lambda mode', () => {
  it('rider: sign-up, confirm, sign-in, then a ride with the ID token, booked for the authorizer\'s username', async () => {
    const O = outputs(lambda);
    const email = uniqueEmail('lambda');
    ok(await rider('sign-up', '--email', email, '--password', PASSWORD, ...O));
    ok(await rider('confirm', '--email', email, ...O));
    ok(await rider('sign-in', '--email', email, '--password', PASSWORD, ...O));
    const booked = await rider('ride', '--json', '--lat', '47.6', '--lng', '-122.3', ...O);
    ok(booked);
    const who = JSON.parse((await rider('whoami', '--json', ...O)).stdout);
    expect(JSON.parse(booked.stdout).Rider).toBe(who.claims['cognito:username']);
    const token = await rider('token', ...O);
    expect(token.stdout.trim()).toBe(JSON.parse(readFileSync(join(lambda.dataDir, 'rider', `${lambda.out.UserPoolId}.json`), 'utf8')).idToken);
    const refused = await rider('ride', '--anonymous', '--lat', '1', '--lng', '2', ...O);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/401[\s\S]*Lambda authorizer/);
  });

  it('checkpoint 3 passes (no token 401, an access token 401, the ID token 201); checkpoint 2x says it is lambda mode', async () => {
    const three = await checkpoint('3', ...outputs(lambda));
    expect(three.code, three.stdout + three.stderr).toBe(0);
    expect(three.stdout).toMatch(/✔ pass\s+POST \/ride with an access token gets 401/);
    const twoX = await checkpoint('2x', ...outputs(lambda));
    expect(twoX.code).toBe(1);
    expect(twoX.stdout).toMatch(/seen: it is in lambda mode/);
  });

  it('checkpoint 5 passes: the authorizer\'s policy and groups keep /dispatch/rides to dispatchers', async () => {
    const r = await checkpoint('5', ...outputs(lambda));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/All 7 checks pass: module 5 is done/);
  });

  it('postman: the ID token in Authorization; replayed, the ride is 201', async () => {
    const { collection, steps } = await replayed(lambda);
    expect(collection.item.at(-1).request.header).toContainEqual({ key: 'Authorization', value: '{{idToken}}' });
    expect(steps.at(-1)).toMatchObject({ name: '4. Book a ride (POST /ride)', status: 201, failed: [] });
    expect(steps.every((s: { failed: string[] }) => s.failed.length === 0)).toBe(true);
  });
});

describe('none mode', () => {
  it('rider: a ride needs no sign-in and is anonymous', async () => {
    const r = await rider('ride', '--json', '--lat', '47.6', '--lng', '-122.3', ...outputs(none));
    ok(r);
    expect(JSON.parse(r.stdout).Rider).toBe('anonymous');
  });

  it('rider: the pool works as in any mode; whoami and token need a sign-in, and sign-out forgets it', async () => {
    const O = outputs(none);
    const before = await rider('whoami', ...O);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/^No rider is signed in to WildRydes \(no .*\)\. Run `npm run rider -- sign-in --email <email> --password <password>` first\./);
    const email = uniqueEmail('none');
    ok(await rider('sign-up', '--email', email, '--password', PASSWORD, ...O));
    ok(await rider('confirm', '--email', email, ...O));
    ok(await rider('sign-in', '--email', email, '--password', PASSWORD, ...O));
    const who = await rider('whoami', ...O);
    ok(who);
    expect(who.stdout).toContain(email);
    // Signed in or not, none mode sends no credentials: the ride stays anonymous.
    expect(JSON.parse((await rider('ride', '--json', '--lat', '1', '--lng', '2', ...O)).stdout).Rider).toBe('anonymous');
    const out = await rider('sign-out', ...O);
    ok(out);
    expect(out.stdout).toMatch(/^Removed .*\/rider\/us-east-1_\w+\.json\./);
    expect((await rider('token', ...O)).code).toBe(1);
  });

  it('checkpoint 2 fails with the words of the workshop\'s first step: the API is still open', async () => {
    const r = await checkpoint('2', ...outputs(none));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ missing\s+the stack is in cognito mode\n\s+seen: it is in none mode\n\s+to do: .*--auth-mode cognito/);
    const zero = await checkpoint('0', ...outputs(none));
    expect(zero.code, zero.stdout).toBe(0);
  });

  it('checkpoint 5 fails in none mode, saying to start with an auth mode', async () => {
    const r = await checkpoint('5', ...outputs(none));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ missing\s+the stack is in cognito, iam or lambda mode[^\n]*\n\s+seen: it is in none mode[^\n]*\n\s+to do: .*--auth-mode cognito/);
    expect(r.stdout).toMatch(/0 of 1 checks pass: module 5 is not done yet/);
  });

  it('postman: no auth on the ride; replayed, 201', async () => {
    const { collection, steps } = await replayed(none);
    const ride = collection.item.at(-1);
    expect(ride.request.auth).toEqual({ type: 'noauth' });
    expect(ride.request.header.map((h: { key: string }) => h.key)).toEqual(['Content-Type']);
    expect(steps.at(-1)).toMatchObject({ status: 201, failed: [] });
  });
});

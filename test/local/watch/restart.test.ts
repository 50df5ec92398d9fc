import { AdminGetUserCommand, CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../../local/cloud.js';
import { portsOf, reloadCloud, restartCloud } from '../../../local/watch/restart.js';
import { SHARED_SYNTH_CACHE } from '../../support/synth-cache-dir.js';
import { PASSWORD, patchedAssembly, PICKUP, removeAssemblies, synthFor, uniqueEmail } from '../support/cloud.js';

/**
 * What `npm start -- --watch` does after a change under lambda/, lib/ or bin/:
 * the services restarted in-process from the newly synthesized app, on the
 * same ports and data folder. A user and a ride made before are still there;
 * a changed function answers with its new code.
 */
let cloud: LocalCloud;
let options: LocalCloudOptions;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wr-watch-data-'));
  // The synthesis cache the restart's child process will find the app in (unchanged sources: no new synthesis).
  await synthFor('none');
  options = { authMode: 'none', dataDir, synthDir: SHARED_SYNTH_CACHE, log: () => {} };
  cloud = await startLocalCloud(options);
});
afterAll(async () => {
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
  removeAssemblies();
});

const out = () => cloud.outputs[cloud.stackName]!;
const idp = () => new CognitoIdentityProviderClient({ region: out().Region!, endpoint: out().UserPoolEndpoint!, credentials: { ...cloud.adminCredentials }, maxAttempts: 1 });
const ride = () => fetch(`${out().ApiUrl}ride`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PICKUP) });

describe('restartCloud', () => {
  it('re-synthesizes in a fresh process and serves again on the same ports, keeping users', async () => {
    const email = uniqueEmail('watch');
    await idp().send(new SignUpCommand({ ClientId: out().UserPoolClientId!, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
    expect((await ride()).status).toBe(201);
    const ports = portsOf(cloud);

    const restarted = await restartCloud(cloud, options);
    cloud = restarted.cloud;
    expect(restarted.synthesized).toBe(false);
    expect(portsOf(cloud)).toEqual(ports);
    const user = await idp().send(new AdminGetUserCommand({ UserPoolId: out().UserPoolId!, Username: email }));
    expect(user.Username).toBeDefined();
    expect((await ride()).status).toBe(201);
  });

  it('serves a changed function with its new code after the restart', async () => {
    const changed = patchedAssembly(await synthFor('none'), () => {});
    for (const entry of readdirSync(changed)) {
      if (!entry.startsWith('asset.') || entry.endsWith('.zip')) continue;
      const files = readdirSync(join(changed, entry));
      if (files.includes('index.mjs')) {
        writeFileSync(join(changed, entry, 'index.mjs'), `export const handler = async () => ({ statusCode: 418, body: JSON.stringify({ changed: true }) });\n`);
      }
    }
    cloud = (await restartCloud(cloud, { ...options, assemblyDir: changed })).cloud;
    const r = await ride();
    expect(r.status).toBe(418);
    expect(await r.json()).toEqual({ changed: true });
  });
});

/**
 * An assembly as a change under lambda/ synthesizes it: the ride function's
 * code asset has a new hash (S3 key and asset folder) and answers 418 with
 * `marker`; `alsoPatch` may change the template otherwise.
 */
async function rideCodeChanged(marker: string, alsoPatch: (template: Parameters<Parameters<typeof patchedAssembly>[1]>[0]) => void = () => {}, delayMs = 0): Promise<string> {
  const original = await synthFor('none');
  let oldPath = '';
  const newPath = `asset.${marker.padEnd(64, '0')}`;
  const changed = patchedAssembly(original, (template) => {
    const [, fn] = Object.entries(template.Resources).find(([id]) => id.startsWith('RidesRequestUnicorn'))!;
    oldPath = fn.Metadata!['aws:asset:path'] as string;
    fn.Metadata!['aws:asset:path'] = newPath;
    (fn.Properties!.Code as { S3Key: string }).S3Key = `${marker.padEnd(64, '0')}.zip`;
    alsoPatch(template);
  });
  cpSync(join(changed, oldPath), join(changed, newPath), { recursive: true });
  writeFileSync(join(changed, newPath, 'index.mjs'), `export const handler = async () => {\n  await new Promise((r) => setTimeout(r, ${delayMs}));\n  return { statusCode: 418, body: JSON.stringify({ marker: ${JSON.stringify(marker)} }) };\n};\n`);
  return changed;
}

describe('reloadCloud', () => {
  it('swaps a function whose code alone changed under lambda/, the services running on', async () => {
    const before = await ride();
    const requestId = before.headers.get('x-amzn-requestid')!;
    const server = cloud;
    const ports = portsOf(cloud);
    const invoked = cloud.invocations();

    const started = Date.now();
    const reloaded = await reloadCloud(cloud, { ...options, assemblyDir: await rideCodeChanged('aaaa') }, ['lambda/ride/fleet.ts']);
    const tookMs = Date.now() - started;
    expect(reloaded.swapped).toEqual([expect.stringMatching(/^RidesRequestUnicorn/)]);
    expect(reloaded.cloud).toBe(server);
    expect(portsOf(cloud)).toEqual(ports);
    const r = await ride();
    expect(r.status).toBe(418);
    expect(await r.json()).toEqual({ marker: 'aaaa' });
    // The same gateway and runner: the trace of the request before the swap is still served, the counts go on.
    expect(requestId).toBeTruthy();
    expect(cloud.traces.get(requestId)).toBeDefined();
    const id = reloaded.swapped![0]!;
    expect(cloud.invocations()[id]).toBe((invoked[id] ?? 0) + 1);
    expect(tookMs).toBeLessThan(5_000);
  });

  it('lets an invocation in flight finish on the old code while new ones run the new code', async () => {
    await reloadCloud(cloud, { ...options, assemblyDir: await rideCodeChanged('slow', () => {}, 1500) }, ['lambda/ride/fleet.ts']);
    const newCode = await rideCodeChanged('fast');
    const inFlight = ride();
    await new Promise((r) => setTimeout(r, 300));
    const reloaded = await reloadCloud(cloud, { ...options, assemblyDir: newCode }, ['lambda/ride/fleet.ts']);
    expect(reloaded.swapped).toHaveLength(1);
    expect(await (await ride()).json()).toEqual({ marker: 'fast' });
    expect(await (await inFlight).json()).toEqual({ marker: 'slow' });
  });

  it('restarts when a lambda/ change altered more than code, or after a change under lib/', async () => {
    const server = cloud;
    const wider = await reloadCloud(cloud, { ...options, assemblyDir: await rideCodeChanged('bbbb', (t) => (t.Outputs = { ...t.Outputs, Extra: { Value: 'x' } })) }, ['lambda/ride/fleet.ts']);
    expect(wider.swapped).toBeUndefined();
    expect(wider.cloud).not.toBe(server);
    cloud = wider.cloud;
    expect(await (await ride()).json()).toEqual({ marker: 'bbbb' });

    const lib = await reloadCloud(cloud, { ...options, assemblyDir: await rideCodeChanged('cccc') }, ['lib/rides.ts']);
    expect(lib.swapped).toBeUndefined();
    expect(lib.cloud).not.toBe(wider.cloud);
    cloud = lib.cloud;
    expect(await (await ride()).json()).toEqual({ marker: 'cccc' });
  });
});

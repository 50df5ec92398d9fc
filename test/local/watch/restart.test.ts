import { AdminGetUserCommand, CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../../local/cloud.js';
import { portsOf, restartCloud } from '../../../local/watch/restart.js';
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

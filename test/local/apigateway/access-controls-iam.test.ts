import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplifyRider, configureAmplify } from '../support/amplify.js';
import { PICKUP, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';
import { send, signCall, type Credentials } from '../support/sigv4-client.js';

/**
 * authMode=iam with apiKeys=true and allowedSourceCidrs that include this
 * machine: the rider's role policy must allow (SigV4, identity policy), the
 * resource policy must not deny, and the key must be the plan's: each refusal
 * is its own control's, and none reaches the function.
 */
let t: TestCloud;
let rider: Credentials;
const body = JSON.stringify(PICKUP);

beforeAll(async () => {
  t = await startTestCloud('iam', await synthFor('iam', { apiKeys: 'true', allowedSourceCidrs: '127.0.0.1/32,::1/128' }));
  configureAmplify(t.out);
  rider = (await amplifyRider(t.out)).credentials!;
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe('iam + API key + source ranges that include this machine', () => {
  it('books a ride for a signed rider with the key', async () => {
    const r = await send(await signCall(t.out.ApiUrl!, 'ride', rider, { body, headers: { 'x-api-key': t.out.ApiKey! } }));
    expect(r.status).toBe(201);
  });

  it('refuses an unsigned call at the authorizer, before the key is looked at', async () => {
    const before = t.invocations();
    const r = await t.post('ride', { headers: { 'x-api-key': t.out.ApiKey! } });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ message: 'Missing Authentication Token' });
    expect(t.invocations()).toBe(before);
  });

  it('refuses a signed call without the key: 403 Forbidden from the API key check', async () => {
    const before = t.invocations();
    const r = await send(await signCall(t.out.ApiUrl!, 'ride', rider, { body }));
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ message: 'Forbidden' });
    expect(t.invocations()).toBe(before);
    expect(t.logLines.at(-1)).toMatch(/refused by the API key check/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplifyRider, configureAmplify } from '../support/amplify.js';
import { PICKUP, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';
import { send, signCall, type Credentials } from '../support/sigv4-client.js';

/**
 * authMode=iam with allowedSourceCidrs that leave this machine out: the
 * rider's role allows POST /ride, yet the resource policy's explicit Deny
 * wins (identity policy AND resource policy).
 */
let t: TestCloud;
let rider: Credentials;

beforeAll(async () => {
  t = await startTestCloud('iam', await synthFor('iam', { allowedSourceCidrs: '203.0.113.0/24' }));
  configureAmplify(t.out);
  rider = (await amplifyRider(t.out)).credentials!;
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe('iam + source ranges that leave this machine out', () => {
  it("refuses a correctly signed rider with the resource policy's explicit deny, naming the assumed role", async () => {
    const r = await send(await signCall(t.out.ApiUrl!, 'ride', rider, { body: JSON.stringify(PICKUP) }));
    expect(r.status).toBe(403);
    expect(r.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(r.json.Message).toMatch(/^User: arn:aws:sts::\d{12}:assumed-role\/.+ is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:[^:]+:\*{8}\d{4}:.+\/prod\/POST\/ride with an explicit deny$/);
    expect(t.invocations()).toBe(0);
    expect(t.logLines.at(-1)).toMatch(/refused by the resource policy \(explicit deny/);
  });
});

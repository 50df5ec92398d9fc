import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickRider, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';

/**
 * authMode=cognito with allowedSourceCidrs that leave this machine out: Cognito
 * authenticates first (no token: 401), then the resource policy's explicit
 * Deny refuses a valid rider ("How API Gateway resource policies affect
 * authorization workflow", Amazon Cognito authentication and resource policy).
 */
let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud('cognito', await synthFor('cognito', { allowedSourceCidrs: '198.51.100.0/24' }));
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe('cognito + source ranges that leave this machine out', () => {
  it('answers no token 401 from the authorizer, and a valid rider 403 from the resource policy; the function never runs', async () => {
    const anonymous = await t.post('ride');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ message: 'Unauthorized' });
    const { idToken } = await quickRider(t);
    const rider = await t.post('ride', { headers: { Authorization: idToken } });
    expect(rider.status).toBe(403);
    expect(rider.json.Message).toMatch(/^User: anonymous is not authorized to perform: execute-api:Invoke on resource: .+\/prod\/POST\/ride with an explicit deny$/);
    expect(t.invocations()).toBe(0);
  });
});

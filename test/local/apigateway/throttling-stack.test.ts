import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchedAssembly, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';

/**
 * Throttling through the real template: the stack's own stage MethodSettings
 * (rate 50, burst 100) turned down to a burst of 2 with a refill so slow that
 * none comes during the test, and a method setting for `OPTIONS /ride` (burst 5)
 * that overrides it. The 429 must reach a browser: DEFAULT_4XX's CORS headers.
 */
let t: TestCloud;
/** The Access-Control-Allow-Origin the template's DEFAULT_4XX response sends (a literal in this stack). */
let errorOrigin: string;
beforeAll(async () => {
  const assemblyDir = patchedAssembly(await synthFor('none'), (template) => {
    const stage = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGateway::Stage')!;
    const settings = stage.Properties!.MethodSettings as Record<string, unknown>[];
    expect(settings).toEqual([expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 })]);
    Object.assign(settings[0]!, { ThrottlingRateLimit: 0.01, ThrottlingBurstLimit: 2 });
    settings.push({ HttpMethod: 'OPTIONS', ResourcePath: '/~1ride', ThrottlingRateLimit: 0.01, ThrottlingBurstLimit: 5 });
    const default4xx = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGateway::GatewayResponse' && r.Properties!.ResponseType === 'DEFAULT_4XX')!;
    errorOrigin = /^'(.*)'$/.exec(default4xx.Properties!.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'])![1]!;
  });
  t = await startTestCloud('none', assemblyDir);
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

describe("the stack's stage throttling", () => {
  it('answers past the burst with 429 Too Many Requests, CORS headers included, and does not invoke the function', async () => {
    const before = t.invocations();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await t.post('ride'));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 429, 429, 429]);
    expect(t.invocations() - before).toBe(2);
    for (const refused of answers.slice(2)) {
      expect(refused.json).toEqual({ message: 'Too Many Requests' });
      expect(refused.headers.get('access-control-allow-origin')).toBe(errorOrigin);
      expect(refused.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    }
    expect((await t.rides()).length).toBe(2);
  });

  it('applies the method setting of OPTIONS /ride over the stage default', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.post('ride', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } })).status);
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429]);
  });
});

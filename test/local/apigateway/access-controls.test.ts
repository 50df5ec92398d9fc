import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';

/**
 * The access controls of issue 11, from the real template synthesized with
 * their context flags, served by the local cloud: every refusal is API
 * Gateway's answer, says in the log which control refused, and never reaches
 * the function.
 */

const refusedBy = (t: TestCloud, control: string) => t.logLines.filter((l) => l.includes(`refused by ${control}`));

describe('apiKeys=true with a quota of 3 a day, from 127.0.0.1 only (allowedSourceCidrs)', () => {
  let t: TestCloud;
  let assemblyDir: string;
  let dataDir: string;
  beforeAll(async () => {
    assemblyDir = await synthFor('none', { apiKeys: 'true', usagePlan: '1000,1000,3', allowedSourceCidrs: '127.0.0.1/32,::1/128' });
    dataDir = mkdtempSync(join(tmpdir(), 'wr-data-keys-'));
    t = await startTestCloud('none', assemblyDir, { dataDir });
  });
  afterAll(async () => {
    await t?.close();
    removeAssemblies();
  });

  it('publishes a generated 40-character key as ApiKey in the outputs file and config.json, and ApiKeyId', async () => {
    expect(t.out.ApiKey).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(t.out.ApiKeyId).toBeTruthy();
    expect(JSON.parse(readFileSync(t.cloud.outputsFile, 'utf8'))[t.cloud.stackName].ApiKey).toBe(t.out.ApiKey);
    const config = await (await fetch(new URL('/config.json', t.out.WebsiteUrl))).json();
    expect(config.apiKey).toBe(t.out.ApiKey);
  });

  it('answers a request without a key 403 Forbidden, without invoking the function', async () => {
    const before = t.invocations();
    const answer = await t.post('ride');
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ message: 'Forbidden' });
    expect(answer.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(t.invocations()).toBe(before);
    expect(refusedBy(t, 'the API key check').at(-1)).toMatch(/no x-api-key header/);
  });

  it('answers a wrong key (even one differing in one character) 403 Forbidden, without invoking the function', async () => {
    const before = t.invocations();
    const key = t.out.ApiKey!;
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const answer = await t.post('ride', { headers: { 'x-api-key': wrong } });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ message: 'Forbidden' });
    expect(t.invocations()).toBe(before);
  });

  it('admits the key from an allowed source, then answers over the quota 429 Limit Exceeded, without invoking the function', async () => {
    const headers = { 'x-api-key': t.out.ApiKey! };
    const before = t.invocations();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.post('ride', { headers })).status);
    expect(statuses).toEqual([201, 201, 201]);
    expect(t.invocations() - before).toBe(3);
    const over = await t.post('ride', { headers });
    expect(over.status).toBe(429);
    expect(over.json).toEqual({ message: 'Limit Exceeded' });
    expect(t.invocations() - before).toBe(3);
    expect(refusedBy(t, 'the usage plan').at(-1)).toMatch(/quota of 3 per day/);
  });

  it('keeps the key and its quota count across a restart on the same data folder', async () => {
    const key = t.out.ApiKey;
    await t.close(true);
    t = await startTestCloud('none', assemblyDir, { dataDir });
    expect(t.out.ApiKey).toBe(key);
    const answer = await t.post('ride', { headers: { 'x-api-key': key! } });
    expect(answer.status).toBe(429);
    expect(answer.json).toEqual({ message: 'Limit Exceeded' });
    expect(t.invocations()).toBe(0);
  });
});

describe('usage-plan throttling (usagePlan=0.01,2,1000) and WAF (waf=true, wafRateLimit=10)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud('none', await synthFor('none', { apiKeys: 'true', usagePlan: '0.01,2,1000', waf: 'true', wafRateLimit: '10' }));
  });
  afterAll(async () => {
    await t?.close();
    removeAssemblies();
  });

  it('says once at start that the managed rule group cannot be reproduced, and which rules it enforces', () => {
    expect(t.logLines.filter((l) => l.includes('AWSManagedRulesCommonRuleSet') && l.includes('cannot be reproduced locally'))).toHaveLength(1);
    expect(t.logLines.some((l) => l.includes('enforcing RatePerSourceIp (10 per 300 s per IP)'))).toBe(true);
  });

  it('answers past the plan burst 429 Too Many Requests, without invoking the function', async () => {
    const headers = { 'x-api-key': t.out.ApiKey! };
    const before = t.invocations();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await t.post('ride', { headers }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 429, 429]);
    expect(answers[2]!.json).toEqual({ message: 'Too Many Requests' });
    expect(t.invocations() - before).toBe(2);
    expect(refusedBy(t, 'the usage plan').at(-1)).toMatch(/rate 0.01\/s, burst 2/);
  });

  it('blocks the source past the rate-based rule with 403 Forbidden (WAF_FILTERED), before anything else runs', async () => {
    const before = t.invocations();
    // Four requests so far; six more reach the limit of ten, the eleventh is blocked, whatever its key.
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.post('ride')).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 403]);
    const blocked = await t.post('ride', { headers: { 'x-api-key': t.out.ApiKey! } });
    expect(blocked.status).toBe(403);
    expect(blocked.json).toEqual({ message: 'Forbidden' });
    expect(t.invocations()).toBe(before);
    expect(refusedBy(t, 'WAF')).toHaveLength(2);
    expect(refusedBy(t, 'WAF')[0]).toMatch(/rule RatePerSourceIp, source (127\.0\.0\.1|::ffff:127\.0\.0\.1)/);
  });
});

describe('allowedSourceCidrs that leave this machine out', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud('none', await synthFor('none', { allowedSourceCidrs: '203.0.113.0/24,2001:db8::/32' }));
  });
  afterAll(async () => {
    await t?.close();
    removeAssemblies();
  });

  it("answers 403 with API Gateway's resource-policy body (explicit deny), without invoking the function", async () => {
    const answer = await t.post('ride');
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(answer.json).toEqual({
      Message: expect.stringMatching(
        /^User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:[a-z0-9-]+:\*{8}\d{4}:[a-z0-9]+\/prod\/POST\/ride with an explicit deny$/,
      ),
    });
    expect(t.invocations()).toBe(0);
    expect(refusedBy(t, 'the resource policy').at(-1)).toMatch(/explicit deny for source/);
  });
});

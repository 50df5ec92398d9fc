/**
 * The local website carries the headers CloudFront adds through the template's
 * response-headers policy, so a CSP mistake in lib/website-hosting.ts shows up
 * locally first. Read from the real synthesized template.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStack, readStack, type CfnTemplate, type LocalStack } from '../../../local/template/index.js';
import { localizeCsp, websiteHeadersFromStack, type LocalOrigins } from '../../../local/website-headers.js';
import { createWebsiteHandler, type WebsiteConfig } from '../../../local/website-server.js';
import { removeAssemblies, startTestCloud, synthFor } from '../support/cloud.js';

const LOCAL: LocalOrigins = { api: 'http://127.0.0.1:4001', cognito: 'http://127.0.0.1:4002', dynamodb: 'http://127.0.0.1:4003' };
const config = { region: 'us-east-1', apiUrl: `${LOCAL.api}/prod/` } as WebsiteConfig;

let template: CfnTemplate;
let stackName: string;
let assemblyDir: string;
let root: string;
const servers: Server[] = [];

beforeAll(async () => {
  assemblyDir = await synthFor('cognito');
  ({ template, stackName } = readStack(assemblyDir));
  root = mkdtempSync(join(tmpdir(), 'wr-site-headers-'));
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Wild Rydes</title><script type="module" src="/assets/app-1a2b.js"></script>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
});
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  rmSync(root, { recursive: true, force: true });
  removeAssemblies();
});

const stackOf = (t: CfnTemplate): LocalStack => createLocalStack({ stackName, template: t, assemblyDir });
const copy = (): CfnTemplate => structuredClone(template);

async function serve(stack: LocalStack, log: string[] = []): Promise<(path: string) => Promise<Response>> {
  const server = createServer(createWebsiteHandler({ distDir: root, config: () => config, headers: websiteHeadersFromStack(stack, LOCAL, (l) => log.push(l)) }));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path) => fetch(base + path);
}

const policyOf = (t: CfnTemplate) => {
  const id = Object.keys(t.Resources).find((k) => t.Resources[k]!.Type === 'AWS::CloudFront::ResponseHeadersPolicy')!;
  return t.Resources[id]!.Properties!.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } } };
};

describe('the website server sends the template’s response-headers policy', () => {
  it('on index.html, client routes, hashed assets, config.json and a 404, as CloudFront adds it to every answer', async () => {
    const log: string[] = [];
    const get = await serve(stackOf(template), log);
    const deployedCsp = policyOf(template).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    for (const path of ['/', '/index.html', '/ride', '/assets/app-1a2b.js', '/config.json', '/missing.png']) {
      const r = await get(path);
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      const csp = r.headers.get('content-security-policy');
      expect(csp, path).not.toBeNull();
      // Every directive as deployed, except connect-src, whose AWS endpoints become the local origins.
      const directives = (text: string) => text.split(';').map((d) => d.trim());
      const local = directives(csp!);
      const deployed = directives(deployedCsp);
      expect(local.filter((d) => !d.startsWith('connect-src'))).toEqual(deployed.filter((d) => !d.startsWith('connect-src')));
      expect(local.find((d) => d.startsWith('connect-src'))).toBe(`connect-src 'self' ${LOCAL.api} ${LOCAL.cognito} ${LOCAL.dynamodb}`);
      // Over plain HTTP no HSTS: browsers ignore it there, and it would pin localhost to HTTPS for a year.
      expect(r.headers.get('strict-transport-security'), path).toBeNull();
    }
    expect(log.join('\n')).toMatch(/Strict-Transport-Security is not sent over http:\/\//);
  });

  it('would send HSTS as the policy spells it to a request over TLS', () => {
    const rules = websiteHeadersFromStack(stackOf(template), LOCAL, () => {}).headersFor('/', true);
    expect(rules.find((r) => r.name === 'Strict-Transport-Security')?.value).toBe('max-age=31536000; includeSubDomains');
  });

  it('follows the template: a changed policy, custom headers and XSS protection, per cache behaviour', async () => {
    const t = copy();
    const policy = policyOf(t) as any;
    policy.SecurityHeadersConfig.FrameOptions.FrameOption = 'SAMEORIGIN';
    policy.SecurityHeadersConfig.XSSProtection = { Protection: true, ModeBlock: true, Override: true };
    policy.CustomHeadersConfig = { Items: [{ Header: 'X-Wild-Rydes', Value: 'unicorns', Override: false }] };
    // The /config.json behaviour gets a policy of its own with only a custom header.
    t.Resources.ConfigHeaders = {
      Type: 'AWS::CloudFront::ResponseHeadersPolicy',
      Properties: { ResponseHeadersPolicyConfig: { Name: 'cfg', CustomHeadersConfig: { Items: [{ Header: 'X-Config', Value: 'yes', Override: true }] } } },
    };
    const distribution = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    distribution.Properties!.DistributionConfig.CacheBehaviors[0].ResponseHeadersPolicyId = { Ref: 'ConfigHeaders' };
    const get = await serve(stackOf(t));
    const index = await get('/');
    expect([index.headers.get('x-frame-options'), index.headers.get('x-xss-protection'), index.headers.get('x-wild-rydes'), index.headers.get('x-config')]).toEqual([
      'SAMEORIGIN',
      '1; mode=block',
      'unicorns',
      null,
    ]);
    const cfg = await get('/config.json');
    expect([cfg.headers.get('x-config'), cfg.headers.get('x-frame-options'), cfg.headers.get('content-security-policy')]).toEqual(['yes', null, null]);
  });

  it('sends no policy headers when the template has no response-headers policy, and says so in the log', async () => {
    const t = copy();
    for (const [id, r] of Object.entries(t.Resources)) if (r.Type === 'AWS::CloudFront::ResponseHeadersPolicy') delete t.Resources[id];
    const distribution = Object.values(t.Resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    const cfg = distribution.Properties!.DistributionConfig;
    delete cfg.DefaultCacheBehavior.ResponseHeadersPolicyId;
    for (const b of cfg.CacheBehaviors) delete b.ResponseHeadersPolicyId;
    const log: string[] = [];
    const r = await (await serve(stackOf(t), log))('/');
    expect(r.status).toBe(200);
    for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'strict-transport-security']) expect(r.headers.get(name), name).toBeNull();
    expect(log).toEqual([expect.stringMatching(/no response-headers policy, so the local website is served without security headers/)]);
  });

  it('says so when the template has no CloudFront distribution at all', () => {
    const t = copy();
    for (const [id, r] of Object.entries(t.Resources)) if (r.Type.startsWith('AWS::CloudFront::')) delete t.Resources[id];
    const log: string[] = [];
    expect(websiteHeadersFromStack(stackOf(t), LOCAL, (l) => log.push(l)).headersFor('/', false)).toEqual([]);
    expect(log).toEqual([expect.stringMatching(/no CloudFront distribution/)]);
  });
});

describe('the local cloud’s website', () => {
  it('is served with the policy, its connect-src naming this cloud’s API and Cognito origins', async () => {
    const t = await startTestCloud('cognito', assemblyDir);
    try {
      const r = await fetch(new URL('/config.json', t.cloud.urls.website));
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      const connect = r.headers.get('content-security-policy')!.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'))!.split(' ');
      expect(connect).toEqual(expect.arrayContaining([new URL(t.cloud.urls.api).origin, t.cloud.urls.cognito]));
      expect(connect).not.toContain('https://*.amazonaws.com');
    } finally {
      await t.close();
    }
  });
});

describe('localizeCsp: only the sources that stand for AWS endpoints become local origins', () => {
  const endpoints = [
    { real: new URL('https://abc123.execute-api.us-east-1.amazonaws.com'), local: LOCAL.api },
    { real: new URL('https://cognito-idp.us-east-1.amazonaws.com'), local: LOCAL.cognito },
  ];

  it('keeps a CSP mistake: no AWS source in connect-src, no local origin either', () => {
    const csp = "default-src 'self'; connect-src 'self' https://tiles.example.org";
    expect(localizeCsp(csp, endpoints)).toBe(csp);
  });

  it('maps exact hosts to their own service only', () => {
    expect(localizeCsp("connect-src 'self' https://cognito-idp.us-east-1.amazonaws.com", endpoints)).toBe(`connect-src 'self' ${LOCAL.cognito}`);
    // Wrong region: matches nothing in this stack, so it stays and allows nothing locally.
    expect(localizeCsp('connect-src https://cognito-idp.eu-west-1.amazonaws.com', endpoints)).toBe('connect-src https://cognito-idp.eu-west-1.amazonaws.com');
    // http:// never matches an https endpoint.
    expect(localizeCsp('connect-src http://*.amazonaws.com', endpoints)).toBe('connect-src http://*.amazonaws.com');
  });

  it('rewrites the fetch fallback (default-src) when there is no connect-src, and `https:` stands for every endpoint', () => {
    expect(localizeCsp("default-src 'self' https://*.amazonaws.com; img-src https:", endpoints)).toBe(`default-src 'self' ${LOCAL.api} ${LOCAL.cognito}; img-src https:`);
    expect(localizeCsp("connect-src 'self' https:", endpoints)).toBe(`connect-src 'self' https: ${LOCAL.api} ${LOCAL.cognito}`);
  });
});

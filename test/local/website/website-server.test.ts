import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebsiteHandler, type WebsiteConfig } from '../../../local/website-server.js';

const config: WebsiteConfig = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_abc',
  userPoolClientId: 'client',
  identityPoolId: 'us-east-1:1234',
  apiUrl: 'http://127.0.0.1:1/prod/',
  authMode: 'iam',
  riderFilesBucket: 'wildrydes-riderfilesbucket-example',
  userPoolEndpoint: 'http://127.0.0.1:2',
  identityPoolEndpoint: 'http://127.0.0.1:2',
  mailboxUrl: 'http://127.0.0.1:2/_local/mailbox',
};

let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'wr-site-'));
  mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>Wild Rydes</title>');
  writeFileSync(join(root, 'dist', 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the website');
  server = createServer(createWebsiteHandler({ distDir: join(root, 'dist'), config: () => config }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

/** A raw request, so paths reach the server exactly as written (fetch would fold `..`). */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string; cache: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body, cache: String(res.headers['cache-control']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the website server', () => {
  it('generates /config.json from the local outputs, never cached', async () => {
    const r = await get('/config.json');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual(config);
    expect(r.cache).toBe('no-store');
  });

  it('serves files with their content type, hashed assets cached for good', async () => {
    const r = await get('/assets/app-1a2b.js');
    expect(r).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'console.log(1)' });
    expect(r.cache).toContain('immutable');
  });

  it('answers client-side routes with index.html, and a missing file with 404', async () => {
    expect(await get('/ride/history')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the website folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await get(path);
      expect(r.body).not.toContain('outside the website');
    }
    expect((await get('/%00')).status).toBe(400);
  });

  it('accepts only GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });
});

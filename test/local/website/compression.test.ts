import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateEncoding } from '../../../local/website-compression.js';
import { createWebsiteHandler } from '../../../local/website-server.js';

const BIG_JS = `export const unicorns = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `unicorn-${i}`))};\n`;

let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'wr-gzip-'));
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Wild Rydes</title>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), BIG_JS);
  writeFileSync(join(root, 'assets', 'tiny-1a2b.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'pic-1a2b.png'), Buffer.alloc(5000, 7));
  server = createServer(createWebsiteHandler({ distDir: root, config: () => ({}) as never }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

function get(path: string, acceptEncoding?: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression from the local website server (as CloudFront compresses)', () => {
  it('answers gzip to a browser that takes gzip, with Vary and the compressed length', async () => {
    const r = await get('/assets/app-1a2b.js', 'gzip, deflate');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(BIG_JS.length / 2);
    expect(gunzipSync(r.body).toString()).toBe(BIG_JS);
  });

  it('prefers Brotli when both are taken', async () => {
    const r = await get('/assets/app-1a2b.js', 'gzip, deflate, br');
    expect(r.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(r.body).toString()).toBe(BIG_JS);
  });

  it('compresses the app shell (a client-side route) too', async () => {
    writeFileSync(join(root, 'index.html'), `<!doctype html><title>Wild Rydes</title>${'<p>unicorn</p>'.repeat(100)}`);
    const r = await get('/ride', 'gzip');
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toMatch(/^<!doctype html>/);
  });

  it('sends the file as it is without Accept-Encoding, when refused with q=0, under 1,000 bytes, or not text', async () => {
    for (const [path, accept] of [['/assets/app-1a2b.js', undefined], ['/assets/app-1a2b.js', 'gzip;q=0, br;q=0'], ['/assets/tiny-1a2b.js', 'gzip'], ['/assets/pic-1a2b.png', 'gzip']] as const) {
      const r = await get(path, accept);
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding'], `${path} ${accept}`).toBeUndefined();
    }
    expect((await get('/assets/app-1a2b.js')).body.toString()).toBe(BIG_JS);
  });

  it('answers HEAD with the headers of the compressed answer and no body', async () => {
    const r = await get('/assets/app-1a2b.js', 'gzip', 'HEAD');
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(Number(r.headers['content-length'])).toBeGreaterThan(0);
    expect(r.body.length).toBe(0);
  });

  it('reads Accept-Encoding with its q-values', () => {
    expect(negotiateEncoding('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe('br');
    expect(negotiateEncoding('gzip;q=0.5, br;q=0')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(negotiateEncoding('GZIP')).toBe('gzip');
  });
});

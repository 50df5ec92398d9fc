import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { WebsiteRuntimeConfig } from '../lib/website-hosting.js';
import type { HeaderRule, WebsiteHeaders } from './website-headers.js';
import { compressedFile, isCompressible, negotiateEncoding } from './website-compression.js';

/**
 * What `/config.json` holds locally: the same values the deployed stack writes
 * (one shape, declared with the hosting construct), plus the local endpoints
 * and the demo settings of `npm start`.
 */
export interface WebsiteConfig extends WebsiteRuntimeConfig {
  userPoolEndpoint?: string;
  identityPoolEndpoint?: string;
  mailboxUrl?: string;
  /** Local cloud only: the local S3 (Amplify Storage reaches it through the website's s3-endpoint shim). */
  s3Endpoint?: string;
  tileUrl?: string;
  /** Divides the unicorn's ETA on the map, for demos (the API still answers 30 seconds). */
  demoSpeed?: number;
}

/** By file extension, which comes from the request's path: a Map, so no name can reach an inherited member. */
const CONTENT_TYPES = new Map<string, string>(Object.entries({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}));

/**
 * The server's own headers with a response-headers policy applied as CloudFront
 * applies it: a rule with Override replaces the origin's header, one without
 * it only fills a header the origin did not send.
 */
function withPolicy(own: Record<string, string | number>, rules: HeaderRule[]): Record<string, string | number> {
  const out = { ...own };
  for (const rule of rules) {
    const existing = Object.keys(out).find((k) => k.toLowerCase() === rule.name.toLowerCase());
    if (existing !== undefined && !rule.override) continue;
    if (existing !== undefined) delete out[existing];
    out[rule.name] = rule.value;
  }
  return out;
}

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Wild Rydes (not built)</title>
<p>The website has not been built yet. Run <code>npm run build:website</code>, then reload this page
(the local cloud serves <code>website/dist</code> as it is on disk).</p>
<p>The API and Cognito are already running; their addresses are in <a href="/config.json">/config.json</a>.</p>`;

/**
 * Serves the built website on its own origin, as CloudFront serves the bucket:
 * static files, `index.html` for client-side routes, and `/config.json`
 * generated from the local outputs. Paths never leave the website folder.
 */
export function createWebsiteHandler(options: { distDir: string; config: () => WebsiteConfig; headers?: WebsiteHeaders }) {
  const root = resolve(options.distDir);
  /** The template's response-headers policy for this request's path (CloudFront adds it to every answer, errors too). */
  const policy = (req: IncomingMessage) =>
    options.headers?.headersFor((req.url ?? '/').split('?')[0]!, 'encrypted' in req.socket && req.socket.encrypted === true) ?? [];

  const send = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(status, withPolicy({ 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff', ...extra }, policy(req)));
    res.end(body);
  };

  const sendFile = (req: IncomingMessage, res: ServerResponse, file: string, cache: string) => {
    const { size, mtimeMs } = statSync(file);
    const type = CONTENT_TYPES.get(extname(file).toLowerCase()) ?? 'application/octet-stream';
    const own = {
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff',
    };
    // Compressed as CloudFront compresses (website-compression.ts), when the browser takes it.
    const encoding = isCompressible(type, size) ? negotiateEncoding(req.headers['accept-encoding']) : null;
    if (encoding) {
      compressedFile(file, size, mtimeMs, encoding).then(
        (body) => {
          res.writeHead(200, withPolicy({ ...own, 'Content-Length': body.length, 'Content-Encoding': encoding, Vary: 'Accept-Encoding' }, policy(req)));
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        () => res.destroy(),
      );
      return;
    }
    if (isCompressible(type, size)) Object.assign(own, { Vary: 'Accept-Encoding' });
    res.writeHead(200, withPolicy(own, policy(req)));
    if (req.method === 'HEAD') res.end();
    // A read that fails after the headers went out (the file removed meanwhile) can only cut this one answer.
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };

  return function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (pathname === '/config.json') {
      send(req, res, 200, 'application/json; charset=utf-8', JSON.stringify(options.config(), null, 2), { 'Cache-Control': 'no-store' });
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      send(req, res, 400, 'text/plain; charset=utf-8', 'Bad Request');
      return;
    }
    if (decoded.includes('\0')) {
      send(req, res, 400, 'text/plain; charset=utf-8', 'Bad Request');
      return;
    }
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      send(req, res, 200, 'text/html; charset=utf-8', NOT_BUILT_PAGE, { 'Cache-Control': 'no-store' });
      return;
    }
    const file = resolve(root, `.${normalize(`/${decoded}`)}`);
    // resolve() has already folded any `..`; what is left must still be inside the website folder.
    if (file !== root && !file.startsWith(root + sep)) {
      send(req, res, 404, 'text/plain; charset=utf-8', 'Not Found');
      return;
    }
    if (existsSync(file) && statSync(file).isFile()) {
      // Vite names built assets by content hash, so they may be cached for good; the rest is revalidated.
      const immutable = file.startsWith(join(root, 'assets') + sep);
      sendFile(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // A path with a file extension that is not there is a missing file; anything else is a route of the app.
    if (extname(decoded) !== '') {
      send(req, res, 404, 'text/plain; charset=utf-8', 'Not Found');
      return;
    }
    sendFile(req, res, index, 'no-cache');
  };
}

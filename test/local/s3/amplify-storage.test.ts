import { request as httpRequest } from 'node:http';
import { Amplify } from 'aws-amplify';
import { downloadData, getUrl, list, remove, uploadData } from 'aws-amplify/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoPath } from '../../../lib/rider-photo-rules.js';
import { amplifyRider, amplifySignIn, configureAmplify } from '../support/amplify.js';
import { removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../support/cloud.js';

/**
 * Amplify Storage v6 itself (uploadData, list, getUrl, downloadData, remove with the
 * `path: ({ identityId }) => …` form) against the local S3, in Node.
 *
 * Amplify reaches a custom endpoint only as `https://<bucket>.<customEndpoint>`. In Node it sends
 * with fetch, so the fetch below carries those requests to the local S3 over http, keeping the
 * Host Amplify signed (`<bucket>.localhost:PORT`, virtual-hosted style); the website's
 * photos/s3-tap.ts does the same for the browser. Nothing else of the request is touched.
 */
let t: TestCloud;
let customEndpoint: string;
let ana: { email: string; identityId: string };
let ben: { email: string; identityId: string };
const realFetch = globalThis.fetch;

beforeAll(async () => {
  t = await startTestCloud('cognito', await synthFor('cognito'));
  const port = new URL(t.out.S3Endpoint!).port;
  customEndpoint = `localhost:${port}`;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.protocol === 'https:' && url.host.endsWith(`.${customEndpoint}`)) return viaHttp(url, port, init);
    return realFetch(input, init);
  }) as typeof fetch;
  configureAmplify(t.out);
  Amplify.configure({ ...Amplify.getConfig(), Storage: { S3: { bucket: t.out.RiderFilesBucket!, region: t.out.Region! } } });
  const a = await amplifyRider(t.out);
  ana = { email: a.email, identityId: a.identityId! };
  const b = await amplifyRider(t.out);
  ben = { email: b.email, identityId: b.identityId! };
}, 60_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  await t?.close();
  removeAssemblies();
});

/** fetch's own Host cannot be set (undici ignores it), so node:http carries the request, Host as Amplify signed it. */
async function viaHttp(url: URL, port: string, init: RequestInit | undefined): Promise<Response> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
  headers.host = url.host;
  const raw = init?.body;
  const body = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? Buffer.from(raw) : raw instanceof Blob ? Buffer.from(await raw.arrayBuffer()) : Buffer.from(raw as Uint8Array);
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
        const status = res.statusCode ?? 500;
        resolve(new Response(status === 204 || status === 304 || init?.method === 'HEAD' ? null : Buffer.concat(chunks), { status, headers: out }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Amplify's options with customEndpoint, which every Storage API reads at run time (resolveS3ConfigAndInput) though some of their types omit it. */
const ep = () => ({ customEndpoint }) as Record<never, never>;

const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);

describe('Amplify Storage v6 against the local S3', () => {
  it("Ana uploads her photo and a private note under her identity id, and lists her own prefix", async () => {
    await amplifySignIn(ana.email);
    const photo = await uploadData({ path: ({ identityId }) => photoPath(identityId!), data: PHOTO, options: { contentType: 'image/png', ...ep() } }).result;
    expect(photo.path).toBe(`protected/${ana.identityId}/profile-photo`);
    await uploadData({ path: ({ identityId }) => `private/${identityId}/note.txt`, data: 'mine', options: ep() }).result;
    const listed = await list({ path: ({ identityId }) => `private/${identityId}/`, options: ep() });
    expect(listed.items.map((i) => i.path)).toEqual([`private/${ana.identityId}/note.txt`]);
  });

  it("Ben reads Ana's protected photo, by download and by getUrl's presigned URL", async () => {
    await amplifySignIn(ben.email);
    const { body } = await downloadData({ path: photoPath(ana.identityId), options: ep() }).result;
    expect(new Uint8Array(await (await body.blob()).arrayBuffer())).toEqual(PHOTO);
    const { url } = await getUrl({ path: photoPath(ana.identityId), options: { ...ep(), expiresIn: 60 } });
    expect(url.host).toBe(`${t.out.RiderFilesBucket}.${customEndpoint}`);
    const r = await fetch(url);
    expect(r.status).toBe(200);
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(PHOTO);
  });

  it("Ben is refused reading, listing, overwriting and removing Ana's private files, and replacing her photo", async () => {
    await amplifySignIn(ben.email);
    const nameOf = (p: PromiseLike<unknown>) => Promise.resolve(p).then(() => 'allowed', (e: Error) => e.name);
    expect(await nameOf(downloadData({ path: `private/${ana.identityId}/note.txt`, options: ep() }).result)).toBe('AccessDenied');
    expect(await nameOf(list({ path: `private/${ana.identityId}/`, options: ep() }))).toBe('AccessDenied');
    expect(await nameOf(uploadData({ path: `private/${ana.identityId}/note.txt`, data: 'not yours', options: ep() }).result)).toBe('AccessDenied');
    expect(await nameOf(remove({ path: `private/${ana.identityId}/note.txt`, options: ep() }))).toBe('AccessDenied');
    expect(await nameOf(uploadData({ path: photoPath(ana.identityId), data: 'defaced', options: ep() }).result)).toBe('AccessDenied');
    // Ana's files are as she left them.
    await amplifySignIn(ana.email);
    const { body } = await downloadData({ path: ({ identityId }) => `private/${identityId}/note.txt`, options: ep() }).result;
    expect(await body.text()).toBe('mine');
  });
});

import { Sha256 } from '../support/sha256.js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import {
  ExpiredTokenError,
  IncompleteSignatureError,
  InvalidSignatureError,
  MissingAuthenticationTokenError,
  UnrecognizedClientError,
  verifySigV4,
  type RawRequest,
  type SigningIdentity,
} from '../../../local/sigv4/index.js';

const credentials = { accessKeyId: 'ASIALOCALTEST0000001', secretAccessKey: 'secret/with+chars', sessionToken: 'session-token-1' };
const identity: SigningIdentity = { ...credentials, expiration: new Date('2030-01-01T00:00:00Z') };
const lookup = (id: string) => (id === identity.accessKeyId ? identity : undefined);
const signingDate = new Date('2026-11-21T12:00:00Z');

/** Signs with the AWS SDK's own signer, as a real client does, and returns the request as it would arrive. */
async function signed(options: { method?: string; path?: string; query?: Record<string, string>; body?: string; headers?: Record<string, string>; date?: Date; creds?: typeof credentials } = {}): Promise<RawRequest> {
  const signer = new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials: options.creds ?? credentials, sha256: Sha256, applyChecksum: false });
  const body = options.body ?? '{"a":1}';
  const request = await signer.sign(
    {
      method: options.method ?? 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4010,
      path: options.path ?? '/prod/ride',
      query: options.query ?? {},
      headers: { host: '127.0.0.1:4010', 'content-type': 'application/json', ...(options.headers ?? {}) },
      body,
    },
    { signingDate: options.date ?? signingDate },
  );
  const rawHeaders = Object.entries(request.headers).flatMap(([k, v]) => [k, String(v)]);
  const rawQuery = Object.entries(options.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { method: request.method, rawPath: request.path, rawQuery, rawHeaders, body: Buffer.from(body) };
}

const verify = (request: RawRequest, now = signingDate) => verifySigV4({ request, now, region: 'us-east-1', service: 'execute-api', lookup });

describe('verifySigV4 with requests signed by @smithy/signature-v4', () => {
  it('accepts a request signed with the issued credentials and names who signed it', async () => {
    const request = await signed({ query: { b: 'x y', a: '1' } });
    expect(verify(request).identity.accessKeyId).toBe(credentials.accessKeyId);
  });

  it('accepts a path with characters that need encoding', async () => {
    expect(verify(await signed({ path: '/prod/ride/a%20b' })).identity).toBe(identity);
  });

  it('refuses a different body, path, query or signed header value', async () => {
    const request = await signed();
    expect(() => verify({ ...request, body: Buffer.from('{"a":2}') })).toThrow(InvalidSignatureError);
    expect(() => verify({ ...request, rawPath: '/prod/other' })).toThrow(/does not match/);
    expect(() => verify({ ...request, rawQuery: 'x=1' })).toThrow(InvalidSignatureError);
    const headers = [...request.rawHeaders];
    headers[headers.findIndex((h) => h === 'host') + 1] = 'localhost:4010';
    expect(() => verify({ ...request, rawHeaders: headers })).toThrow(InvalidSignatureError);
  });

  it('refuses a request with no Authorization header as a missing token', async () => {
    const request = await signed();
    const rawHeaders: string[] = [];
    for (let i = 0; i < request.rawHeaders.length; i += 2) {
      if (request.rawHeaders[i] !== 'authorization') rawHeaders.push(request.rawHeaders[i]!, request.rawHeaders[i + 1]!);
    }
    expect(() => verify({ ...request, rawHeaders })).toThrow(MissingAuthenticationTokenError);
  });

  it('tells a client that sent a JWT what a signature needs', () => {
    const request: RawRequest = { method: 'POST', rawPath: '/prod/ride', rawQuery: '', rawHeaders: ['Authorization', 'eyJhbGciOi.x.y'], body: Buffer.alloc(0) };
    expect(() => verify(request)).toThrow(IncompleteSignatureError);
    expect(() => verify(request)).toThrow(
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=eyJhbGciOi.x.y",
    );
  });

  it('enforces the five-minute window both ways', async () => {
    const request = await signed();
    expect(verify(request, new Date(signingDate.getTime() + 4 * 60_000)).identity).toBe(identity);
    expect(() => verify(request, new Date(signingDate.getTime() + 6 * 60_000))).toThrow(
      'Signature expired: 20261121T120000Z is now earlier than 20261121T120100Z (20261121T120600Z - 5 min.)',
    );
    expect(() => verify(request, new Date(signingDate.getTime() - 6 * 60_000))).toThrow(/^Signature not yet current: 20261121T120000Z is still later than/);
  });

  it('refuses unknown keys, a wrong session token and expired credentials', async () => {
    const stranger = await signed({ creds: { ...credentials, accessKeyId: 'ASIAUNKNOWN000000000' } });
    expect(() => verify(stranger)).toThrow(UnrecognizedClientError);
    const wrongToken = await signed({ creds: { ...credentials, sessionToken: 'other' } });
    expect(() => verify(wrongToken)).toThrow(UnrecognizedClientError);
    const request = await signed({ date: new Date('2030-01-01T00:01:00Z') });
    expect(() => verify(request, new Date('2030-01-01T00:01:00Z'))).toThrow(ExpiredTokenError);
  });

  it('refuses a signature made with another secret', async () => {
    const request = await signed({ creds: { ...credentials, secretAccessKey: 'guessed' } });
    expect(() => verify(request)).toThrow(InvalidSignatureError);
  });

  it('refuses a signature scoped to another service or region', async () => {
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials, sha256: Sha256 });
    const r = await signer.sign({ method: 'GET', protocol: 'http:', hostname: 'h', path: '/prod/ride', headers: { host: 'h' } }, { signingDate });
    const request: RawRequest = { method: 'GET', rawPath: '/prod/ride', rawQuery: '', rawHeaders: Object.entries(r.headers).flat(), body: Buffer.alloc(0) };
    expect(() => verify(request)).toThrow("Credential should be scoped to correct service: 'execute-api'.");
  });
});

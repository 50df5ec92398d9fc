import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { SigV4Error, verifySigV4, type RawRequest, type SigningIdentity } from '../../../local/sigv4/index.js';
import { sha256Hex } from '../../../local/sigv4/canonical.js';
import { Sha256 } from '../support/sha256.js';

/**
 * The plain-words reason of each SigV4 refusal, for the local decision trace
 * (never in the answer). Signed by the AWS SDK's own signer; `applyChecksum`
 * as the SDK defaults it (true: the body hash is a signed header).
 */
const credentials = { accessKeyId: 'ASIALOCALTEST0000001', secretAccessKey: 'secret/with+chars', sessionToken: 'session-token-1' };
const signingDate = new Date('2026-11-21T12:00:00Z');

async function signed(options: { body?: string; applyChecksum?: boolean; creds?: typeof credentials } = {}): Promise<RawRequest> {
  const signer = new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials: options.creds ?? credentials, sha256: Sha256, applyChecksum: options.applyChecksum ?? true });
  const body = options.body ?? '{"a":1}';
  const request = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4010, path: '/prod/ride', query: {}, headers: { host: '127.0.0.1:4010', 'content-type': 'application/json' }, body },
    { signingDate },
  );
  return { method: 'POST', rawPath: request.path, rawQuery: '', rawHeaders: Object.entries(request.headers).flatMap(([k, v]) => [k, String(v)]), body: Buffer.from(body) };
}

function reasonOf(request: RawRequest, options: { now?: Date; identity?: SigningIdentity | undefined } = {}): string {
  const identity = 'identity' in options ? options.identity : { ...credentials, expiration: new Date('2030-01-01T00:00:00Z') };
  try {
    verifySigV4({ request, now: options.now ?? signingDate, region: 'us-east-1', service: 'execute-api', lookup: () => identity });
  } catch (err) {
    if (err instanceof SigV4Error) return err.reason ?? `(no reason) ${err.message}`;
    throw err;
  }
  return 'verified';
}

describe('SigV4 refusals, in plain words', () => {
  it('no Authorization header, and a JWT where a signature belongs', async () => {
    expect(reasonOf({ method: 'POST', rawPath: '/prod/ride', rawQuery: '', rawHeaders: ['host', 'x'], body: Buffer.alloc(0) })).toMatch(/^no Authorization header — an AWS_IAM method takes only requests signed with SigV4/);
    expect(reasonOf({ method: 'POST', rawPath: '/prod/ride', rawQuery: '', rawHeaders: ['host', 'x', 'authorization', 'eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl'], body: Buffer.alloc(0) })).toMatch(
      /^the Authorization header holds a token \(a JWT\), not a SigV4 signature/,
    );
  });

  it('the body changed after signing: the signed hash and the hash of what arrived', async () => {
    const request = await signed();
    const changed = { ...request, body: Buffer.from('{"a":2}') };
    expect(reasonOf(request)).toBe('verified');
    expect(reasonOf(changed)).toBe(`signature mismatch — the body changed after signing (expected hash ${sha256Hex('{"a":1}')}, got ${sha256Hex('{"a":2}')})`);
  });

  it('a mismatch the request cannot pin down says what was compared, and names the access key', async () => {
    const request = await signed({ applyChecksum: false, creds: { ...credentials, secretAccessKey: 'another secret' } });
    expect(reasonOf(request)).toMatch(/^signature mismatch — the signature computed over the request as it arrived \(POST \/prod\/ride, signed headers content-type;host;x-amz-date;x-amz-security-token, body hash [0-9a-f]{64}\) is not the one sent: .* ASIALOCALTEST0000001$/);
  });

  it('a signature too old, unknown keys, a wrong session token, expired credentials', async () => {
    const request = await signed();
    expect(reasonOf(request, { now: new Date(signingDate.getTime() + 7 * 60_000) })).toMatch(/^the request was signed 7 minutes before it arrived/);
    expect(reasonOf(request, { identity: undefined })).toMatch(/^access key ASIALOCALTEST0000001 was never issued by this cloud's identity pool/);
    expect(reasonOf(request, { identity: { ...credentials, sessionToken: 'another' } })).toBe('the X-Amz-Security-Token sent is not the session token issued with access key ASIALOCALTEST0000001');
    expect(reasonOf(request, { identity: { ...credentials, expiration: new Date(signingDate.getTime() - 3 * 60_000) } })).toMatch(/^the temporary credentials \(access key ASIALOCALTEST0000001\) expired 3 minutes ago/);
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKeyRing } from '../../../local/cognito/keys.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'wr-keys-')));
const onDisk = () => JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as { sealingKey: string; signing: Record<string, { kid: string }> };

describe('the local Cognito key ring', () => {
  it('writes the sealing key on first start (0600) and makes no RSA key until one is needed', () => {
    const ring = loadKeyRing(fresh(), ['us-east-1_pool']);
    expect(statSync(join(dir, 'keys.json')).mode & 0o077).toBe(0);
    expect(onDisk().signing).toEqual({});
    expect(Buffer.from(onDisk().sealingKey, 'base64')).toEqual(ring.sealingKey);
    // No key yet, so no token can name one of its kids: nothing is generated to answer that.
    expect(ring.byKid('us-east-1_pool', 'any-kid')).toBeUndefined();
    expect(onDisk().signing).toEqual({});
  });

  it("makes a pool's key when it is first used, saved before it is handed out, and the same one after a restart", () => {
    const ring = loadKeyRing(fresh(), ['us-east-1_pool']);
    const key = ring.signingKey('us-east-1_pool');
    expect(onDisk().signing['us-east-1_pool']?.kid).toBe(key.kid);
    expect(key.jwk).toMatchObject({ kid: key.kid, alg: 'RS256', kty: 'RSA', use: 'sig' });
    expect(ring.byKid('us-east-1_pool', key.kid)).toBe(key);
    expect(ring.byKid('us-east-1_pool', 'another-kid')).toBeUndefined();

    const again = loadKeyRing(dir, ['us-east-1_pool']);
    expect(again.signingKey('us-east-1_pool').kid).toBe(key.kid);
    expect(again.sealingKey).toEqual(ring.sealingKey);
  });

  it('refuses a name it was not given', () => {
    expect(() => loadKeyRing(fresh(), ['us-east-1_pool']).signingKey('us-east-1_other')).toThrow('No signing key for us-east-1_other');
  });
});

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from './store.js';

/**
 * Secrets of the local Cognito, generated on first start and kept in
 * `<dataDir>/cognito/keys.json` (mode 0600, never committed): one RSA key per
 * user pool to sign its tokens (as Cognito has per-pool keys), one for the
 * identity pools' OpenID tokens, and one AES key that seals what Cognito
 * hands out opaquely (SRP secret blocks, challenge sessions, refresh tokens).
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as a JWK, as a JWKS lists it. */
  jwk: { kid: string; alg: 'RS256'; kty: 'RSA'; use: 'sig'; n: string; e: string };
}

export interface KeyRing {
  signingKey(keyName: string): SigningKey;
  /** Finds a pool key by kid (for checking tokens this service issued). */
  byKid(keyName: string, kid: string): SigningKey | undefined;
  sealingKey: Buffer;
}

interface KeyFile {
  version: 1;
  sealingKey: string;
  signing: Record<string, { kid: string; privateKeyPem: string }>;
}

function toSigningKey(kid: string, pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { kid, privateKey, publicKey, jwk: { kid, alg: 'RS256', kty: 'RSA', use: 'sig', n, e } };
}

function newSigningKey(): { kid: string; privateKeyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  // A kid derived from the public key, like a JWK thumbprint: stable across restarts, new if the key is rotated.
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { kid: createHash('sha256').update(der).digest('base64url').slice(0, 43), privateKeyPem };
}

/**
 * Loads the key file (writing it with a new sealing key on first start). A pool's RSA key is made
 * when it is first needed, to sign a token or to list in its JWKS, and saved before it is used:
 * generating one costs about 0.2 s of CPU, which a start that signs nobody in (a none-mode API,
 * a test of the gateway alone) should not pay. Until then the pool holds no key, so no token can
 * carry one of its kids.
 */
export function loadKeyRing(cognitoDir: string, keyNames: string[]): KeyRing {
  const path = join(cognitoDir, 'keys.json');
  const stored = readJson<KeyFile>(path);
  const file: KeyFile = stored ?? { version: 1, sealingKey: randomBytes(32).toString('base64'), signing: {} };
  if (!stored) writeJsonAtomic(path, file);

  const keys = new Map<string, SigningKey>();
  function signingKey(name: string): SigningKey {
    const loaded = keys.get(name);
    if (loaded) return loaded;
    let entry = file.signing[name];
    if (!entry) {
      if (!keyNames.includes(name)) throw new Error(`No signing key for ${name}`);
      entry = newSigningKey();
      file.signing[name] = entry;
      writeJsonAtomic(path, file);
    }
    const key = toSigningKey(entry.kid, entry.privateKeyPem);
    keys.set(name, key);
    return key;
  }
  return {
    signingKey,
    byKid(name, kid) {
      if (!file.signing[name]) return undefined;
      const key = signingKey(name);
      return key.kid === kid ? key : undefined;
    },
    sealingKey: Buffer.from(file.sealingKey, 'base64'),
  };
}

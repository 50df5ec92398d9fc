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

/** Loads the key file, adding keys for names it does not hold yet (and saving before any is used). */
export function loadKeyRing(cognitoDir: string, keyNames: string[]): KeyRing {
  const path = join(cognitoDir, 'keys.json');
  const file: KeyFile = readJson<KeyFile>(path) ?? { version: 1, sealingKey: randomBytes(32).toString('base64'), signing: {} };
  let changed = !readJson<KeyFile>(path);
  for (const name of keyNames) {
    if (file.signing[name]) continue;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    // A kid derived from the public key, like a JWK thumbprint: stable across restarts, new if the key is rotated.
    const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const kid = createHash('sha256').update(der).digest('base64url').slice(0, 43);
    file.signing[name] = { kid, privateKeyPem: pem };
    changed = true;
  }
  if (changed) writeJsonAtomic(path, file);

  const keys = new Map(Object.entries(file.signing).map(([name, k]) => [name, toSigningKey(k.kid, k.privateKeyPem)]));
  return {
    signingKey(name) {
      const key = keys.get(name);
      if (!key) throw new Error(`No signing key for ${name}`);
      return key;
    },
    byKid(name, kid) {
      const key = keys.get(name);
      return key && key.kid === kid ? key : undefined;
    },
    sealingKey: Buffer.from(file.sealingKey, 'base64'),
  };
}

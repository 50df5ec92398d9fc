import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Opaque values Cognito hands out and takes back (the SRP SECRET_BLOCK, the
 * challenge Session, the refresh token) are sealed with AES-256-GCM under the
 * service's own key: the client cannot read or alter them, and the server
 * needs no memory of them to take them back, even after a restart.
 *
 * The purpose is bound in as associated data, so a value sealed as one kind
 * (say a Session) is refused where another kind is expected.
 */
export function seal(key: Buffer, purpose: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The sealed value, or undefined if it was not sealed by this key for this purpose. */
export function unseal<T>(key: Buffer, purpose: string, sealed: string): T | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/**
 * A refresh token shaped like Cognito's: a compact JWE (five base64url parts).
 * Cognito's are RSA-OAEP; this one uses direct AES-256-GCM encryption ("dir"),
 * with the protected header as associated data, as RFC 7516 prescribes.
 */
export function sealJwe(key: Buffer, value: unknown): string {
  const header = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'dir' })).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [header, '', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function unsealJwe<T>(key: Buffer, token: string): T | undefined {
  try {
    const parts = token.split('.');
    if (parts.length !== 5) return undefined;
    const [header, , iv, body, tag] = parts as [string, string, string, string, string];
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(header, 'ascii'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * GCM's full tag. Node's decipher.setAuthTag accepts shorter tags (4 bytes
 * and up) unless authTagLength is fixed: a 4-byte tag would leave 2^32 tries
 * to forge a value, so both the length check and authTagLength are needed.
 */
const TAG_BYTES = 16;
const IV_BYTES = 12;

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
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The sealed value, or undefined if it was not sealed by this key for this purpose. */
export function unseal<T>(key: Buffer, purpose: string, sealed: string): T | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES + 1) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
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
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [header, '', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function unsealJwe<T>(key: Buffer, token: string): T | undefined {
  try {
    const parts = token.split('.');
    if (parts.length !== 5) return undefined;
    const [header, encryptedKey, ivText, body, tagText] = parts as [string, string, string, string, string];
    // "dir" has no encrypted key; A256GCM takes a 96-bit IV and a 128-bit tag (RFC 7518, 5.3).
    if (encryptedKey !== '') return undefined;
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(header, 'ascii'));
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

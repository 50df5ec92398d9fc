import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The client half of Cognito's USER_SRP_AUTH (SRP-6a over the 3072-bit group
 * of RFC 5054, SHA-256), as Amplify's `signIn` computes it
 * (packages/auth/src/providers/cognito/utils/srp). The password never leaves
 * this process: the client sends A, Cognito answers B, the salt and a secret
 * block, and the client proves it knows the password with an HMAC over them.
 *
 * Written on its own rather than shared with the local Cognito's server half
 * (local/cognito/srp.ts), so that a mistake in one is caught by the other.
 */
const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

/** Java's BigInteger.toByteArray as hex: shortest even length, `00` first when the top bit is set. Cognito hashes numbers in this form. */
function pad(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hashOfHex = (hex: string) => BigInt(`0x${sha256Hex(Buffer.from(hex, 'hex'))}`);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

const k = hashOfHex(pad(N) + pad(g));
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `Tue Nov 3 08:05:09 UTC 2026`: the TIMESTAMP Cognito expects (day of the month not padded). */
export function srpTimestamp(date: Date): string {
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

export interface SrpClient {
  /** SRP_A for InitiateAuth's AuthParameters, as hex. */
  A: string;
  /** The ChallengeResponses for Cognito's PASSWORD_VERIFIER challenge. */
  answer(challenge: Record<string, string | undefined>, password: string, now?: Date): Record<string, string>;
}

export function srpClient(userPoolId: string): SrpClient {
  const poolName = userPoolId.slice(userPoolId.indexOf('_') + 1);
  let a: bigint;
  let A: bigint;
  do {
    // 128 random bytes, as Amplify's client takes.
    a = BigInt(`0x${randomBytes(128).toString('hex')}`);
    A = modPow(g, a, N);
  } while (A % N === 0n);
  return {
    A: A.toString(16),
    answer(challenge, password, now = new Date()) {
      const { SRP_B, SALT, SECRET_BLOCK, USER_ID_FOR_SRP } = challenge;
      if (!SRP_B || !SALT || !SECRET_BLOCK || !USER_ID_FOR_SRP) throw new Error('PASSWORD_VERIFIER without SRP_B, SALT, SECRET_BLOCK or USER_ID_FOR_SRP');
      const B = BigInt(`0x${SRP_B}`);
      if (B % N === 0n) throw new Error('Cognito sent an SRP_B that is zero modulo N; refusing it');
      const u = hashOfHex(pad(A) + pad(B));
      const x = hashOfHex(pad(BigInt(`0x${SALT}`)) + sha256Hex(`${poolName}${USER_ID_FOR_SRP}:${password}`));
      const S = modPow(B - k * modPow(g, x, N), a + u * x, N);
      const key = Buffer.from(hkdfSync('sha256', Buffer.from(pad(S), 'hex'), Buffer.from(pad(u), 'hex'), 'Caldera Derived Key', 16));
      const timestamp = srpTimestamp(now);
      const signature = createHmac('sha256', key)
        .update(poolName)
        .update(USER_ID_FOR_SRP)
        .update(Buffer.from(SECRET_BLOCK, 'base64'))
        .update(timestamp)
        .digest('base64');
      return { USERNAME: USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: SECRET_BLOCK, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: signature };
    },
  };
}

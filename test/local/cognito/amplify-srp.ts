import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Amplify v6's own SRP client code (the module `signIn` uses), loaded from
 * its package so tests can run single SRP steps over the SDK, tamper with
 * them, or feed them crafted values. Amplify's package exports do not expose
 * it, so it is loaded by path.
 */
interface AmplifyBigInteger {
  toString(radix: number): string;
}
interface AuthenticationHelper {
  A: AmplifyBigInteger;
  getPasswordAuthenticationKey(input: { username: string; password: string; serverBValue: AmplifyBigInteger; salt: AmplifyBigInteger }): Promise<Uint8Array>;
}
interface AmplifySrp {
  getPaddedHex(value: AmplifyBigInteger): string;
  getHashFromHex(hex: string): string;
  getHashFromData(data: string): string;
  getHkdfKey(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array): Uint8Array;
  getBytesFromHex(hex: string): Uint8Array;
  getAuthenticationHelper(userPoolName: string): Promise<AuthenticationHelper>;
  getSignatureString(input: { userPoolName: string; username: string; challengeParameters: Record<string, string>; dateNow: string; hkdf: Uint8Array }): string;
  getNowString(): string;
  BigInteger: new (hex: string, radix: number) => AmplifyBigInteger;
}

const candidates = ['node_modules/@aws-amplify/auth', 'node_modules/aws-amplify/node_modules/@aws-amplify/auth'];

let loaded: Promise<AmplifySrp> | undefined;

export function amplifySrp(): Promise<AmplifySrp> {
  loaded ??= (async () => {
    const root = candidates.map((c) => join(process.cwd(), c)).find((c) => existsSync(c));
    if (!root) throw new Error('@aws-amplify/auth is not installed');
    const dir = join(root, 'dist/esm/providers/cognito/utils/srp');
    const srp = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as Omit<AmplifySrp, 'BigInteger'>;
    const load = async <T>(file: string) => (await import(pathToFileURL(join(dir, file)).href)) as T;
    const big = await load<{ default: AmplifySrp['BigInteger'] }>('BigInteger/BigInteger.mjs');
    return {
      ...srp,
      ...(await load<Pick<AmplifySrp, 'getPaddedHex'>>('getPaddedHex.mjs')),
      ...(await load<Pick<AmplifySrp, 'getHashFromHex'>>('getHashFromHex.mjs')),
      ...(await load<Pick<AmplifySrp, 'getHashFromData'>>('getHashFromData.mjs')),
      ...(await load<Pick<AmplifySrp, 'getHkdfKey'>>('getHkdfKey.mjs')),
      ...(await load<Pick<AmplifySrp, 'getBytesFromHex'>>('getBytesFromHex.mjs')),
      BigInteger: big.default,
    };
  })();
  return loaded;
}

/** Amplify's answer to a PASSWORD_VERIFIER challenge, as `signIn` would send it. */
export async function answerPasswordVerifier(
  helper: AuthenticationHelper,
  userPoolId: string,
  password: string,
  challenge: Record<string, string>,
  dateNow?: string,
): Promise<Record<string, string>> {
  const srp = await amplifySrp();
  const userPoolName = userPoolId.split('_')[1]!;
  const username = challenge.USER_ID_FOR_SRP!;
  const hkdf = await helper.getPasswordAuthenticationKey({
    username,
    password,
    serverBValue: new srp.BigInteger(challenge.SRP_B!, 16),
    salt: new srp.BigInteger(challenge.SALT!, 16),
  });
  const now = dateNow ?? srp.getNowString();
  return {
    USERNAME: username,
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK!,
    TIMESTAMP: now,
    PASSWORD_CLAIM_SIGNATURE: srp.getSignatureString({ userPoolName, username, challengeParameters: challenge, dateNow: now, hkdf }),
  };
}

/**
 * A fast SRP client for long runs: every serialisation, hash, padding, HKDF and
 * signature step is Amplify's own function; only the modular exponentiations
 * use native BigInt (Amplify's pure-JS ones cost ~350 ms per sign-in), and
 * the secret `a` is 256 bits instead of 1024.
 */
export interface FastSrpClient {
  A: string;
  answer(userPoolId: string, password: string, challenge: Record<string, string>): Record<string, string>;
}

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

function powMod(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = ((base % mod) + mod) % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
  }
  return r;
}

export async function fastSrpClient(): Promise<FastSrpClient> {
  const srp = await amplifySrp();
  const big = (n: bigint) => new srp.BigInteger(n.toString(16), 16);
  const native = (hex: string) => BigInt(`0x${hex}`);
  const N = native(N_HEX);
  const g = 2n;
  const a = native(Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex'));
  const A = powMod(g, a, N);
  const k = native(srp.getHashFromHex(srp.getPaddedHex(big(N)) + srp.getPaddedHex(big(g))));
  return {
    A: A.toString(16),
    answer(userPoolId, password, challenge) {
      const userPoolName = userPoolId.split('_')[1]!;
      const username = challenge.USER_ID_FOR_SRP!;
      const B = native(challenge.SRP_B!);
      const u = native(srp.getHashFromHex(srp.getPaddedHex(big(A)) + srp.getPaddedHex(big(B))));
      const x = native(srp.getHashFromHex(srp.getPaddedHex(new srp.BigInteger(challenge.SALT!, 16)) + srp.getHashFromData(`${userPoolName}${username}:${password}`)));
      const S = powMod(B - k * powMod(g, x, N), a + u * x, N);
      const info = new Uint8Array([...Buffer.from('Caldera Derived Key'), 1]);
      const hkdf = srp.getHkdfKey(srp.getBytesFromHex(srp.getPaddedHex(big(S))), srp.getBytesFromHex(srp.getPaddedHex(big(u))), info);
      const dateNow = srp.getNowString();
      return {
        USERNAME: username,
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK!,
        TIMESTAMP: dateNow,
        PASSWORD_CLAIM_SIGNATURE: srp.getSignatureString({ userPoolName, username, challengeParameters: challenge, dateNow, hkdf }),
      };
    },
  };
}

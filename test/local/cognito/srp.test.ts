import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { claimMatches, claimSignature, createVerifier, N, pad, passwordMatches, serverEphemeral, serverSessionKey } from '../../../local/cognito/srp.js';
import { formatSrpTimestamp, parseSrpTimestamp } from '../../../local/cognito/srp-timestamp.js';
import { amplifySrp, answerPasswordVerifier } from './amplify-srp.js';

const POOL_ID = 'us-east-1_AbCdEf123';
const POOL_NAME = 'AbCdEf123';
const USER = '8f1c2a3b-1111-4222-a333-444455556666';
const PASSWORD = 'Correct-Horse-9';

/**
 * Runs one sign-in between this server's math and Amplify's client math,
 * with a chosen salt and (optionally) a chosen server ephemeral, and says
 * whether the server accepts Amplify's proof.
 */
async function serverAcceptsAmplify(salt: Buffer, pickEphemeral?: (verifier: string) => { b: string; B: string }, password = PASSWORD) {
  const srp = await amplifySrp();
  const stored = createVerifier(POOL_NAME, USER, PASSWORD, salt);
  const eph = pickEphemeral ? pickEphemeral(stored.verifier) : serverEphemeral(stored.verifier);
  const secretBlock = randomBytes(64).toString('base64');
  const helper = await srp.getAuthenticationHelper(POOL_NAME);
  const challenge = { SALT: stored.salt, SRP_B: eph.B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: USER, USERNAME: USER };
  const answer = await answerPasswordVerifier(helper, POOL_ID, password, challenge);
  const key = serverSessionKey(helper.A.toString(16), eph, stored.verifier);
  const expected = claimSignature(key, POOL_NAME, USER, Buffer.from(secretBlock, 'base64'), answer.TIMESTAMP!);
  return claimMatches(expected, answer.PASSWORD_CLAIM_SIGNATURE!);
}

describe('pad', () => {
  it('writes the shortest even-length hex and prefixes 00 when the top bit is set', () => {
    expect(pad(0x14n)).toBe('14');
    expect(pad(0xecn)).toBe('00ec');
    expect(pad(0x1n)).toBe('01');
    expect(pad(0x80n)).toBe('0080');
    expect(pad(0x7fffn)).toBe('7fff');
    expect(pad(0xabcn)).toBe('0abc');
    expect(pad(N).startsWith('00ff')).toBe(true);
  });
});

describe('SRP against Amplify v6 client math', () => {
  it('accepts the proof Amplify computes with the right password', async () => {
    expect(await serverAcceptsAmplify(randomBytes(16))).toBe(true);
  });

  it('refuses the proof Amplify computes with a wrong password', async () => {
    expect(await serverAcceptsAmplify(randomBytes(16), undefined, 'Wrong-Horse-99')).toBe(false);
  });

  it('agrees on a salt whose top bit is set (00 prefix) and on one that starts with a zero byte', async () => {
    expect(await serverAcceptsAmplify(Buffer.concat([Buffer.from([0x80]), randomBytes(15)]))).toBe(true);
    expect(await serverAcceptsAmplify(Buffer.concat([Buffer.from([0x00, 0x05]), randomBytes(14)]))).toBe(true);
    expect(await serverAcceptsAmplify(Buffer.concat([Buffer.from([0x00, 0x00, 0x9f]), randomBytes(13)]))).toBe(true);
  });

  it('agrees when B starts with a zero byte (the one-in-256 padding trap)', async () => {
    let tries = 0;
    const shortB = (verifier: string) => {
      for (;;) {
        tries += 1;
        const eph = serverEphemeral(verifier);
        // N is 384 bytes. Wanted: a B whose minimal encoding is shorter than that
        // (a zero top byte at full width, and no 00 sign byte), where a fixed-width
        // serialisation and Amplify's padding disagree.
        const even = eph.B.length % 2 ? `0${eph.B}` : eph.B;
        if (even.length < 768 && !/^[89a-f]/.test(even)) return eph;
      }
    };
    expect(await serverAcceptsAmplify(randomBytes(16), shortB)).toBe(true);
    expect(tries).toBeGreaterThan(0);
  });

  it('checks passwords against the verifier alone, for the password flows', () => {
    const stored = createVerifier(POOL_NAME, USER, PASSWORD);
    expect(stored).not.toHaveProperty('password');
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(passwordMatches(POOL_NAME, USER, PASSWORD, stored)).toBe(true);
    expect(passwordMatches(POOL_NAME, USER, `${PASSWORD}x`, stored)).toBe(false);
    expect(passwordMatches(POOL_NAME, 'someone-else', PASSWORD, stored)).toBe(false);
  });

  it('refuses A = 0 mod N', () => {
    const stored = createVerifier(POOL_NAME, USER, PASSWORD);
    const eph = serverEphemeral(stored.verifier);
    expect(() => serverSessionKey('0', eph, stored.verifier)).toThrow(/SRP_A/);
    expect(() => serverSessionKey(N.toString(16), eph, stored.verifier)).toThrow(/SRP_A/);
    expect(() => serverSessionKey('not-hex', eph, stored.verifier)).toThrow(/SRP_A/);
  });
});

describe('SRP timestamp', () => {
  it('formats like Amplify: day of month not zero-padded, UTC', async () => {
    const srp = await amplifySrp();
    expect(formatSrpTimestamp(new Date(Date.UTC(2026, 10, 3, 8, 5, 9)))).toBe('Tue Nov 3 08:05:09 UTC 2026');
    expect(parseSrpTimestamp(srp.getNowString())).toBeInstanceOf(Date);
  });

  it('refuses malformed or impossible timestamps', () => {
    expect(parseSrpTimestamp('Tue Nov 03 08:05:09 UTC 2026')).toBeUndefined();
    expect(parseSrpTimestamp('Wed Nov 3 08:05:09 UTC 2026')).toBeUndefined();
    expect(parseSrpTimestamp('Mon Feb 30 08:05:09 UTC 2026')).toBeUndefined();
    expect(parseSrpTimestamp('2026-11-03T08:05:09Z')).toBeUndefined();
    expect(parseSrpTimestamp('Tue Nov 3 08:05:09 UTC 2026')?.toISOString()).toBe('2026-11-03T08:05:09.000Z');
  });
});

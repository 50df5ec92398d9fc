import { randomUUID } from 'node:crypto';
import type { UserPoolClientConfig, UserPoolConfig } from '../config-from-template.js';
import { INCORRECT_CREDENTIALS, InvalidParameterException, NotAuthorizedException, UserNotFoundException } from '../errors.js';
import { seal, unseal } from '../sealed.js';
import { claimMatches, claimSignature, fromHex, N, poolNameOf, serverEphemeral, serverSessionKey, SrpProtocolError } from '../srp.js';
import { parseSrpTimestamp } from '../srp-timestamp.js';
import type { UserPoolContext } from './context.js';
import type { SignIn } from './sign-in.js';

/** What the SRP SECRET_BLOCK carries between InitiateAuth and RespondToAuthChallenge. */
interface SrpSecret {
  id: string;
  poolId: string;
  clientId: string;
  username: string;
  A: string;
  b: string;
  B: string;
  expiresAt: number;
  /** Set when the user does not exist and existence errors are prevented: the answer always fails. */
  decoy?: true;
  /** The login a decoy was made for, for its lockout count. */
  login?: string;
}

/** USER_SRP_AUTH: the PASSWORD_VERIFIER challenge, and its answer. */
export function createSrpFlow(ctx: UserPoolContext, signIn: SignIn) {
  const { file, keys, now } = ctx;

  const srpStart = (pool: UserPoolConfig, client: UserPoolClientConfig, params: Record<string, string>) => {
    const login = params.USERNAME;
    const A = params.SRP_A;
    if (!login) throw new InvalidParameterException('Missing required parameter USERNAME');
    if (!A) throw new InvalidParameterException('Missing required parameter SRP_A');
    if (!/^[0-9a-fA-F]{1,1024}$/.test(A) || fromHex(A) % N === 0n) throw new InvalidParameterException('Invalid SRP_A');
    const user = ctx.findUser(pool, login);
    let secret: SrpSecret;
    let salt: string;
    if (user) {
      ctx.assertNotLockedOut(user);
      const eph = serverEphemeral(user.srp.verifier);
      salt = user.srp.salt;
      secret = { id: randomUUID(), poolId: pool.id, clientId: client.id, username: user.username, A, b: eph.b, B: eph.B, expiresAt: now() + client.authSessionValiditySeconds * 1000 };
    } else {
      if (!client.preventUserExistenceErrors) throw new UserNotFoundException('User does not exist.');
      // A decoy challenge, stable per name, so a caller cannot tell a missing user from a wrong password (decoys.ts).
      ctx.decoys.assertNotLockedOut(pool, login);
      salt = ctx.decoys.salt(pool, login);
      const decoyId = ctx.emailIsUsername(pool) ? ctx.decoys.userId(pool, login) : login;
      const eph = serverEphemeral(ctx.decoys.verifier(pool).verifier);
      secret = {
        id: randomUUID(),
        poolId: pool.id,
        clientId: client.id,
        username: decoyId,
        A,
        b: eph.b,
        B: eph.B,
        expiresAt: now() + client.authSessionValiditySeconds * 1000,
        decoy: true,
        login,
      };
    }
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: salt,
        SECRET_BLOCK: seal(keys.sealingKey, 'srp', secret),
        SRP_B: secret.B,
        USERNAME: secret.username,
        USER_ID_FOR_SRP: secret.username,
      },
    };
  };

  /** A decoy's answer: the same math as a real one, then a wrong password, counted toward a lockout. */
  const decoyFinish = (pool: UserPoolConfig, secret: SrpSecret, secretBlock: string, timestamp: string): never => {
    const login = secret.login ?? secret.username;
    ctx.decoys.assertNotLockedOut(pool, login);
    try {
      const key = serverSessionKey(secret.A, { b: secret.b, B: secret.B }, ctx.decoys.verifier(pool).verifier);
      claimSignature(key, poolNameOf(pool.id), secret.username, Buffer.from(secretBlock, 'base64'), timestamp);
    } catch (err) {
      if (!(err instanceof SrpProtocolError)) throw err;
    }
    file.commit();
    return ctx.decoys.passwordFailed(pool, login);
  };

  const srpFinish = (pool: UserPoolConfig, client: UserPoolClientConfig, responses: Record<string, string>) => {
    const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK;
    const signature = responses.PASSWORD_CLAIM_SIGNATURE;
    const timestamp = responses.TIMESTAMP;
    if (!secretBlock || !signature || !timestamp || !responses.USERNAME) {
      throw new InvalidParameterException('Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE, TIMESTAMP or USERNAME');
    }
    if (!parseSrpTimestamp(timestamp)) throw new InvalidParameterException('TIMESTAMP format is invalid.');
    const secret = unseal<SrpSecret>(keys.sealingKey, 'srp', secretBlock);
    if (!secret || secret.poolId !== pool.id || secret.clientId !== client.id) throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
    if (now() >= secret.expiresAt) throw new NotAuthorizedException('Invalid session for the user, session is expired.');
    if (!ctx.markSpent(secret.id, secret.expiresAt)) throw new NotAuthorizedException('Invalid session for the user, session can only be used once.');
    if (secret.decoy) return decoyFinish(pool, secret, secretBlock, timestamp);
    const user = ctx.userNamed(pool, secret.username);
    if (!user) return ctx.unknownUser(client);
    if (ctx.norm(pool, responses.USERNAME) !== ctx.norm(pool, user.username) && ctx.findUser(pool, responses.USERNAME) !== user) {
      throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
    }
    ctx.assertNotLockedOut(user);
    let key: Buffer;
    try {
      key = serverSessionKey(secret.A, { b: secret.b, B: secret.B }, user.srp.verifier);
    } catch (err) {
      if (err instanceof SrpProtocolError) throw new NotAuthorizedException(INCORRECT_CREDENTIALS);
      throw err;
    }
    const expected = claimSignature(key, poolNameOf(pool.id), user.username, Buffer.from(secretBlock, 'base64'), timestamp);
    if (!claimMatches(expected, signature)) return ctx.passwordFailed(user);
    return signIn.afterPassword(pool, client, user);
  };

  return { srpStart, srpFinish };
}

import type { UserPoolClientConfig, UserPoolConfig } from '../config-from-template.js';
import { InvalidParameterException, NotAuthorizedException, TooManyFailedAttemptsException } from '../errors.js';
import { assertPasswordMeetsPolicy } from '../password-policy.js';
import { unseal } from '../sealed.js';
import { assertWritable } from './attributes.js';
import type { UserPoolContext } from './context.js';
import type { ChallengeSession, SignIn } from './sign-in.js';

/** Failed answers one challenge Session takes before TooManyFailedAttemptsException. */
const MAX_SESSION_FAILURES = 5;

/** Answers to the challenges that follow a password: NEW_PASSWORD_REQUIRED. */
export function createChallenges(ctx: UserPoolContext, signIn: SignIn) {
  const { keys, now, spent, sessionFailures } = ctx;

  const newPasswordFinish = (pool: UserPoolConfig, client: UserPoolClientConfig, sessionText: string | undefined, responses: Record<string, string>) => {
    if (!sessionText) throw new InvalidParameterException('Missing required parameter Session');
    const session = unseal<ChallengeSession>(keys.sealingKey, 'session', sessionText);
    if (!session || session.poolId !== pool.id || session.clientId !== client.id) throw new NotAuthorizedException('Invalid session for the user.');
    if (now() >= session.expiresAt) throw new NotAuthorizedException('Invalid session for the user, session is expired.');
    if (spent.has(session.id)) throw new NotAuthorizedException('Invalid session for the user, session can only be used once.');
    if ((sessionFailures.get(session.id) ?? 0) >= MAX_SESSION_FAILURES) throw new TooManyFailedAttemptsException('Too many failed attempts for this session. Sign in again.');
    const user = ctx.userNamed(pool, session.username);
    if (!user || user.status !== 'FORCE_CHANGE_PASSWORD') throw new NotAuthorizedException('Invalid session for the user.');
    const newPassword = responses.NEW_PASSWORD;
    if (!newPassword) throw new InvalidParameterException('Missing required parameter NEW_PASSWORD');
    // The attributes the answer sets (`userAttributes.<name>`), checked as SignUp checks them.
    const attributes = new Map<string, string>();
    for (const [name, value] of Object.entries(responses)) if (name.startsWith('userAttributes.')) attributes.set(name.slice('userAttributes.'.length), value);
    try {
      assertWritable(pool, { client }, attributes);
      assertPasswordMeetsPolicy(pool.passwordPolicy, newPassword);
    } catch (err) {
      sessionFailures.set(session.id, (sessionFailures.get(session.id) ?? 0) + 1);
      throw err;
    }
    ctx.markSpent(session.id, session.expiresAt);
    sessionFailures.delete(session.id);
    for (const [name, value] of attributes) {
      // The email stays as it was: a new one would need verifying first.
      if (name === 'email') continue;
      user.attributes[name] = value;
    }
    ctx.setPassword(pool, user, newPassword);
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
    return signIn.issueTokens(pool, client, user);
  };

  return { newPasswordFinish };
}

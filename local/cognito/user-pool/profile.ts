import { checkCode } from '../codes.js';
import { InvalidParameterException, NotAuthorizedException } from '../errors.js';
import { requiredString } from '../params.js';
import { assertPasswordMeetsPolicy } from '../password-policy.js';
import { passwordMatches, poolNameOf } from '../srp.js';
import type { Actions } from './action.js';
import { createAttributeUpdates } from './attribute-updates.js';
import { assertWritable, attributeInput } from './attributes.js';
import type { UserPoolContext } from './context.js';

/**
 * What a signed-in user changes about themselves, with their access token
 * (verified as GetUser verifies it): password, attributes, email verification.
 */
export function profileActions(ctx: UserPoolContext): Actions {
  const { file, now } = ctx;
  const updates = createAttributeUpdates(ctx);

  /** The user and their app client, from the access token. */
  const caller = (token: string) => {
    const { pool, user, claims } = ctx.userFromAccessToken(token);
    const client = pool.clients.get(String(claims.client_id));
    if (!client) throw new NotAuthorizedException('Invalid Access Token');
    return { pool, user, client };
  };

  /** Only the email is verified by code here (no SMS locally). */
  const verifiable = (name: string) => {
    if (name !== 'email') throw new InvalidParameterException(`Verification of ${name} is not supported.`);
  };

  return {
    ChangePassword(input) {
      const previous = requiredString(input, 'PreviousPassword');
      const proposed = requiredString(input, 'ProposedPassword');
      const { pool, user } = caller(requiredString(input, 'AccessToken'));
      // A wrong previous password counts toward the lockout, as a wrong sign-in does.
      ctx.assertNotLockedOut(user);
      if (!passwordMatches(poolNameOf(pool.id), user.username, previous, user.srp)) return ctx.passwordFailed(user);
      assertPasswordMeetsPolicy(pool.passwordPolicy, proposed);
      ctx.setPassword(pool, user, proposed);
      user.failedSignIns = 0;
      delete user.lastFailedSignInAt;
      file.commit();
      return {};
    },

    UpdateUserAttributes(input) {
      const { pool, user, client } = caller(requiredString(input, 'AccessToken'));
      const attributes = attributeInput(input, 'UserAttributes');
      assertWritable(pool, { client }, attributes, 'update');
      const mailed = updates.apply(pool, user, attributes);
      file.commit();
      return { CodeDeliveryDetailsList: mailed ? [ctx.delivery(user.pendingEmail ?? user.attributes.email!)] : [] };
    },

    GetUserAttributeVerificationCode(input) {
      const { pool, user } = caller(requiredString(input, 'AccessToken'));
      const name = requiredString(input, 'AttributeName');
      verifiable(name);
      const to = user.pendingEmail ?? user.attributes.email;
      // Our wording: no answer of the real service for a user without the attribute was found.
      if (to === undefined) throw new InvalidParameterException(`The user has no ${name} to verify.`);
      ctx.assertMaySendCode(user);
      ctx.sendCode(pool, user, 'verify');
      file.commit();
      return { CodeDeliveryDetails: ctx.delivery(to) };
    },

    VerifyUserAttribute(input) {
      const { user } = caller(requiredString(input, 'AccessToken'));
      const name = requiredString(input, 'AttributeName');
      const code = requiredString(input, 'Code');
      verifiable(name);
      const result = checkCode(user.attributeCode, code, now());
      if (result !== 'ok') return ctx.failCode(result);
      if (user.pendingEmail !== undefined) {
        user.attributes.email = user.pendingEmail;
        delete user.pendingEmail;
      }
      user.attributes.email_verified = 'true';
      delete user.attributeCode;
      user.modifiedAt = now();
      file.commit();
      return {};
    },
  };
}

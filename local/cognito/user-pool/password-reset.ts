import { checkCode } from '../codes.js';
import { InvalidParameterException, UserNotFoundException } from '../errors.js';
import { requiredString } from '../params.js';
import { assertPasswordMeetsPolicy } from '../password-policy.js';
import type { Actions } from './action.js';
import type { UserPoolContext } from './context.js';

/** ForgotPassword and ConfirmForgotPassword: a new password through a mailed code. */
export function passwordResetActions(ctx: UserPoolContext): Actions {
  const { file, now } = ctx;
  return {
    ForgotPassword(input) {
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const user = ctx.findUser(pool, login);
      if (!user) return ctx.codeToNobody(pool, client, login);
      if (user.attributes.email === undefined || user.attributes.email_verified !== 'true') {
        throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
      }
      ctx.assertMaySendCode(user);
      ctx.sendCode(pool, user, 'reset');
      file.commit();
      return { CodeDeliveryDetails: ctx.delivery(user.attributes.email) };
    },

    ConfirmForgotPassword(input) {
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const user = ctx.findUser(pool, login);
      const code = requiredString(input, 'ConfirmationCode');
      const password = requiredString(input, 'Password');
      if (!user) {
        if (client.preventUserExistenceErrors) {
          // Counted like a real user's guesses, and saved like them (decoys.ts).
          file.commit();
          return ctx.decoys.codeGuessFailed(pool, login);
        }
        throw new UserNotFoundException('Username/client id combination not found.');
      }
      const result = checkCode(user.resetCode, code, now());
      if (result !== 'ok') return ctx.failCode(result);
      // The code stays usable if only the new password is refused.
      assertPasswordMeetsPolicy(pool.passwordPolicy, password);
      ctx.setPassword(pool, user, password);
      delete user.resetCode;
      if (user.status === 'RESET_REQUIRED') user.status = 'CONFIRMED';
      user.failedSignIns = 0;
      delete user.lastFailedSignInAt;
      file.commit();
      return {};
    },
  };
}

import { checkCode } from '../codes.js';
import { InvalidParameterException, NotAuthorizedException, UserNotFoundException } from '../errors.js';
import { requiredString } from '../params.js';
import type { Actions } from './action.js';
import { assertWritable, attributeInput } from './attributes.js';
import type { UserPoolContext } from './context.js';

/** SignUp and the confirmation code that follows it. */
export function signUpActions(ctx: UserPoolContext): Actions {
  const { file, now } = ctx;
  return {
    SignUp(input) {
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const password = requiredString(input, 'Password');
      const attributes = attributeInput(input, 'UserAttributes');
      assertWritable(pool, { client }, attributes);
      const user = ctx.newUser(pool, login, attributes, password, 'UNCONFIRMED');
      const verifyEmail = pool.autoVerifiedAttributes.includes('email') && user.attributes.email !== undefined;
      if (verifyEmail) {
        user.codesSentAt.push(now());
        ctx.sendCode(pool, user, 'signup');
      }
      ctx.usersOf(pool)[user.username] = user;
      file.commit();
      return {
        UserConfirmed: false,
        UserSub: user.sub,
        ...(verifyEmail ? { CodeDeliveryDetails: ctx.delivery(user.attributes.email!) } : {}),
      };
    },

    ConfirmSignUp(input) {
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const user = ctx.findUser(pool, login);
      const code = requiredString(input, 'ConfirmationCode');
      if (!user) {
        if (client.preventUserExistenceErrors) {
          // Counted like a real user's guesses, and saved like them (decoys.ts).
          file.commit();
          return ctx.decoys.codeGuessFailed(pool, login);
        }
        throw new UserNotFoundException('Username/client id combination not found.');
      }
      if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
      const result = checkCode(user.signUpCode, code, now());
      if (result !== 'ok') return ctx.failCode(result);
      user.status = 'CONFIRMED';
      if (user.attributes.email !== undefined && pool.autoVerifiedAttributes.includes('email')) user.attributes.email_verified = 'true';
      delete user.signUpCode;
      user.modifiedAt = now();
      file.commit();
      return {};
    },

    ResendConfirmationCode(input) {
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      const login = requiredString(input, 'Username');
      const user = ctx.findUser(pool, login);
      if (!user) return ctx.codeToNobody(pool, client, login);
      if (user.status !== 'UNCONFIRMED') throw new InvalidParameterException('User is already confirmed.');
      if (!pool.autoVerifiedAttributes.includes('email') || user.attributes.email === undefined) {
        throw new InvalidParameterException('Auto verification not turned on.');
      }
      ctx.assertMaySendCode(user);
      ctx.sendCode(pool, user, 'signup');
      file.commit();
      return { CodeDeliveryDetails: ctx.delivery(user.attributes.email) };
    },
  };
}

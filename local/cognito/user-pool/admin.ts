import { InvalidParameterException, NotAuthorizedException, UnsupportedUserStateException, UsernameExistsException } from '../errors.js';
import { deliver } from '../mailbox.js';
import type { UserRecord } from '../model.js';
import { optionalString, requiredString, type Input } from '../params.js';
import { assertPasswordMeetsPolicy } from '../password-policy.js';
import type { Actions } from './action.js';
import { createAttributeUpdates } from './attribute-updates.js';
import { assertWritable, attributeInput } from './attributes.js';
import type { UserPoolContext } from './context.js';
import { listUsersAction } from './list-users.js';

/** The Admin* calls an administrator (IAM credentials) makes on any user of a pool. */
export function adminActions(ctx: UserPoolContext): Actions {
  const { file, now, log, state } = ctx;
  const updates = createAttributeUpdates(ctx);
  /** The pool and the user a call names (UserPoolId, Username). */
  const target = (input: Input) => {
    const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
    return { pool, user: ctx.findOrFail(pool, requiredString(input, 'Username')) };
  };
  return {
    AdminCreateUser(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const login = requiredString(input, 'Username');
      const action = optionalString(input, 'MessageAction');
      if (action !== undefined && action !== 'SUPPRESS' && action !== 'RESEND') {
        throw new InvalidParameterException(`1 validation error detected: Value '${action}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`);
      }
      const attributes = attributeInput(input, 'UserAttributes');
      assertWritable(pool, 'admin', attributes);
      const given = optionalString(input, 'TemporaryPassword');
      const password = given ?? ctx.temporaryPassword(pool.passwordPolicy);
      let user: UserRecord;
      if (action === 'RESEND') {
        user = ctx.findOrFail(pool, login);
        if (user.status !== 'FORCE_CHANGE_PASSWORD') throw new UnsupportedUserStateException('User account is not in FORCE_CHANGE_PASSWORD state');
        assertPasswordMeetsPolicy(pool.passwordPolicy, password);
        ctx.setPassword(pool, user, password);
      } else {
        const existing = ctx.findUser(pool, login);
        if (existing) throw new UsernameExistsException('User account already exists');
        user = ctx.newUser(pool, login, attributes, password, 'FORCE_CHANGE_PASSWORD');
      }
      user.temporaryPasswordExpiresAt = now() + pool.passwordPolicy.temporaryPasswordValidityDays * 86400_000;
      ctx.usersOf(pool)[user.username] = user;
      if (action !== 'SUPPRESS' && user.attributes.email !== undefined) {
        deliver(
          state.mailbox,
          { to: user.attributes.email, subject: 'Your temporary password', code: password, sentAt: new Date(now()).toISOString(), userPoolId: pool.id, username: user.username },
          log,
        );
      }
      file.commit();
      return { User: ctx.userType(user) };
    },

    AdminConfirmSignUp(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const user = ctx.findOrFail(pool, requiredString(input, 'Username'));
      if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
      user.status = 'CONFIRMED';
      delete user.signUpCode;
      user.modifiedAt = now();
      file.commit();
      return {};
    },

    AdminGetUser(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      return ctx.userType(ctx.findOrFail(pool, requiredString(input, 'Username')), 'UserAttributes');
    },

    AdminDeleteUser(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const user = ctx.findOrFail(pool, requiredString(input, 'Username'));
      delete ctx.usersOf(pool)[user.username];
      file.commit();
      return {};
    },

    ListUsers: listUsersAction(ctx),

    /** Permanent: the user signs in with it (CONFIRMED); otherwise a temporary password (FORCE_CHANGE_PASSWORD). */
    AdminSetUserPassword(input) {
      const { pool, user } = target(input);
      const password = requiredString(input, 'Password');
      const permanent = input.Permanent === true;
      assertPasswordMeetsPolicy(pool.passwordPolicy, password);
      ctx.setPassword(pool, user, password);
      if (permanent) {
        user.status = 'CONFIRMED';
        delete user.temporaryPasswordExpiresAt;
      } else {
        user.status = 'FORCE_CHANGE_PASSWORD';
        user.temporaryPasswordExpiresAt = now() + pool.passwordPolicy.temporaryPasswordValidityDays * 86400_000;
      }
      delete user.resetCode;
      user.failedSignIns = 0;
      delete user.lastFailedSignInAt;
      file.commit();
      return {};
    },

    AdminUpdateUserAttributes(input) {
      const { pool, user } = target(input);
      const attributes = attributeInput(input, 'UserAttributes');
      assertWritable(pool, 'admin', attributes, 'update');
      updates.apply(pool, user, attributes);
      file.commit();
      return {};
    },

    /** The current password stops working: RESET_REQUIRED, and a reset code is mailed (ConfirmForgotPassword takes it). */
    AdminResetUserPassword(input) {
      const { pool, user } = target(input);
      if (user.attributes.email === undefined || user.attributes.email_verified !== 'true') {
        throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
      }
      user.status = 'RESET_REQUIRED';
      ctx.sendCode(pool, user, 'reset');
      user.modifiedAt = now();
      file.commit();
      return {};
    },

    /** "Deactivates a user and revokes all access tokens for the user" (API reference): no sign-in, no refresh. */
    AdminDisableUser(input) {
      const { user } = target(input);
      user.enabled = false;
      user.sessions = {};
      user.modifiedAt = now();
      file.commit();
      return {};
    },

    AdminEnableUser(input) {
      const { user } = target(input);
      user.enabled = true;
      user.modifiedAt = now();
      file.commit();
      return {};
    },

    /** Ends every sign-in of the user: their refresh tokens, and their access tokens here. */
    AdminUserGlobalSignOut(input) {
      const { user } = target(input);
      user.sessions = {};
      file.commit();
      return {};
    },
  };
}

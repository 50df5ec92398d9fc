import type { UserPoolConfig } from '../config-from-template.js';
import { AliasExistsException, InvalidParameterException } from '../errors.js';
import type { UserRecord } from '../model.js';
import { EMAIL_SHAPE, type UserPoolContext } from './context.js';

/**
 * Changing the attributes of an existing user (UpdateUserAttributes,
 * AdminUpdateUserAttributes), after attributes.ts has checked them.
 *
 * A new email is unverified: `email_verified` becomes "false" and, where the
 * pool verifies emails, a code goes to the new address. Where the pool keeps
 * the original attribute until then (UserAttributeUpdateSettings.
 * AttributesRequireVerificationBeforeUpdate: ["email"]), the old email stays in
 * place, still verified and still the sign-in name, and the new one waits for
 * VerifyUserAttribute.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-email-phone-verification.html
 */
export function createAttributeUpdates(ctx: UserPoolContext) {
  const keepsOriginal = (pool: UserPoolConfig, name: string): boolean => {
    const settings = pool.properties.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: unknown } | undefined;
    const names = settings?.AttributesRequireVerificationBeforeUpdate;
    return Array.isArray(names) && names.includes(name);
  };

  /** Applies the attributes; answers whether a verification code was mailed (to report CodeDeliveryDetails). */
  const apply = (pool: UserPoolConfig, user: UserRecord, attributes: Map<string, string>): boolean => {
    const email = attributes.get('email');
    const changesEmail = email !== undefined && email !== user.attributes.email;
    if (changesEmail) {
      if (!EMAIL_SHAPE.test(email)) throw new InvalidParameterException('Invalid email address format.');
      // Where the email is the sign-in name (or a verified alias), it must stay unique.
      if ((ctx.emailIsUsername(pool) || pool.aliasAttributes.includes('email')) && ctx.emailTaken(pool, email, user)) {
        throw new AliasExistsException('An account with the given email already exists.');
      }
    }
    const verifies = changesEmail && pool.autoVerifiedAttributes.includes('email');
    const verifiedByCaller = attributes.get('email_verified') === 'true';
    for (const [name, value] of attributes) {
      if (name === 'email' && changesEmail && verifies && !verifiedByCaller && keepsOriginal(pool, 'email')) continue;
      user.attributes[name] = value;
    }
    if (changesEmail && !verifiedByCaller) {
      if (verifies && keepsOriginal(pool, 'email')) {
        user.pendingEmail = email;
      } else {
        user.attributes.email_verified = 'false';
        delete user.pendingEmail;
      }
    }
    user.modifiedAt = ctx.now();
    if (verifies && !verifiedByCaller) {
      ctx.sendCode(pool, user, 'verify');
      return true;
    }
    return false;
  };

  return { apply };
}

import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { required, targetFlags, type Command } from '../../shared/command.js';
import { adminIdpClient } from '../../shared/cognito-clients.js';
import { explained } from '../../shared/service-errors.js';
import { EMAIL } from './shared-options.js';

/** A temporary password the pool's policy accepts: 12+ characters with upper, lower, digit and symbol. */
export function temporaryPassword(): string {
  return `Tmp-${randomBytes(9).toString('base64url')}-7a`;
}

/**
 * AdminCreateUser, the administrator's way in: the user exists at once with a
 * temporary password and the status FORCE_CHANGE_PASSWORD, so the first
 * sign-in answers NEW_PASSWORD_REQUIRED. Signed with administrator
 * credentials: locally the local cloud's administrator key (in the outputs
 * file), deployed the AWS credential chain (AWS_PROFILE, environment, SSO…).
 */
export const adminCreate: Command = {
  name: 'admin-create',
  summary: 'Create a rider as an administrator, with a temporary password (AdminCreateUser)',
  details: [
    'Needs administrator credentials: locally the local cloud\'s admin key (read from the outputs file);',
    'for a deployed stack the usual AWS chain (AWS_PROFILE, environment, aws sso login…).',
    'No invitation is mailed: the temporary password is printed for you to hand over.',
    'Example: npm run rider -- admin-create --email rider@example.com',
  ].join('\n'),
  options: {
    email: EMAIL,
    'temporary-password': { type: 'string', placeholder: '<password>', description: 'the temporary password (default: a random one, printed)', env: 'RIDER_TEMPORARY_PASSWORD' },
  },
  async run(ctx) {
    const email = required(ctx.values, 'email');
    const temporary = typeof ctx.values['temporary-password'] === 'string' ? ctx.values['temporary-password'] : temporaryPassword();
    const target = ctx.target();
    const idp = adminIdpClient(target);
    try {
      const answer = await explained('Cognito', target.userPoolEndpoint, () =>
        idp.send(
          new AdminCreateUserCommand({
            UserPoolId: target.userPoolId,
            Username: email,
            TemporaryPassword: temporary,
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'email', Value: email },
              // The administrator vouches for the address, so the rider can recover the account by email.
              { Name: 'email_verified', Value: 'true' },
            ],
          }),
        ),
      );
      ctx.print(`Created ${email} in ${target.userPoolId} as ${target.admin ? 'the local administrator' : 'your AWS identity'}; status ${answer.User?.UserStatus ?? 'FORCE_CHANGE_PASSWORD'}.`);
      ctx.print(`Temporary password: ${temporary}`);
      ctx.print(`Next: npm run rider -- new-password --email ${email} --temporary-password '${temporary}' --new-password <a new one>${targetFlags(ctx.values)}`);
      return 0;
    } finally {
      idp.destroy();
    }
  },
};

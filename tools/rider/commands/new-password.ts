import { required, targetFlags, type Command } from '../../shared/command.js';
import { ToolError } from '../../shared/errors.js';
import { answerNewPassword, srpSignIn } from '../auth.js';
import { saveSession } from '../session.js';
import { EMAIL, PASSWORD } from './shared-options.js';

/**
 * The first sign-in of a user an administrator created: SRP with the temporary
 * password, Cognito answers NEW_PASSWORD_REQUIRED, and RespondToAuthChallenge
 * with NEW_PASSWORD sets the permanent one and returns the tokens.
 */
export const newPassword: Command = {
  name: 'new-password',
  summary: 'First sign-in of an administrator-created rider: answer NEW_PASSWORD_REQUIRED',
  details: "Example: npm run rider -- new-password --email rider@example.com --temporary-password 'Tmp-…' --new-password 'Unicorns-4-ever!'",
  options: {
    email: EMAIL,
    'temporary-password': { type: 'string', placeholder: '<password>', description: 'the password admin-create printed', env: 'RIDER_TEMPORARY_PASSWORD' },
    'new-password': { ...PASSWORD, env: 'RIDER_PASSWORD' },
  },
  async run(ctx) {
    const email = required(ctx.values, 'email');
    const temporary = required(ctx.values, 'temporary-password');
    const chosen = required(ctx.values, 'new-password', 'pass it, or set RIDER_PASSWORD');
    const target = ctx.target();
    const outcome = await srpSignIn(target, email, temporary);
    if (outcome.kind === 'signed-in') {
      throw new ToolError(`${email} has no temporary password any more (it signed in without a challenge). Use: npm run rider -- sign-in --email ${email}${targetFlags(ctx.values)}`);
    }
    if (outcome.challengeName !== 'NEW_PASSWORD_REQUIRED') throw new ToolError(`Cognito asked for ${outcome.challengeName}, not NEW_PASSWORD_REQUIRED.`);
    const session = await answerNewPassword(target, outcome.username, outcome.cognitoSession, chosen);
    const file = saveSession(target, session);
    ctx.print(`New password set for ${email}; signed in (NEW_PASSWORD_REQUIRED answered).`);
    ctx.print(`Tokens stored in ${file} (mode 0600).`);
    return 0;
  },
};

import { required, targetFlags, type Command } from '../../shared/command.js';
import { ToolError } from '../../shared/errors.js';
import { secondsLeft } from '../../shared/jwt.js';
import { srpSignIn } from '../auth.js';
import { saveSession } from '../session.js';
import { EMAIL, PASSWORD } from './shared-options.js';

/** USER_SRP_AUTH (the password never leaves this machine), then the tokens are kept for the other commands. */
export const signIn: Command = {
  name: 'sign-in',
  summary: 'Sign in with SRP (the password is never sent) and keep the tokens for the other commands',
  details: 'Example: npm run rider -- sign-in --email rider@example.com --password \'Unicorns-4-ever!\'',
  options: { email: EMAIL, password: PASSWORD },
  async run(ctx) {
    const email = required(ctx.values, 'email');
    const password = required(ctx.values, 'password', 'pass it, or set RIDER_PASSWORD');
    const target = ctx.target();
    const outcome = await srpSignIn(target, email, password);
    if (outcome.kind === 'challenge') {
      if (outcome.challengeName === 'NEW_PASSWORD_REQUIRED') {
        throw new ToolError(
          `${email} was created by an administrator and must choose a new password first:\n  npm run rider -- new-password --email ${email} --temporary-password <the temporary one> --new-password <a new one>${targetFlags(ctx.values)}`,
        );
      }
      throw new ToolError(`Cognito asked for ${outcome.challengeName}, which this tool does not answer.`);
    }
    const file = saveSession(target, outcome.session);
    const minutes = Math.round((secondsLeft(outcome.session.idToken) ?? 0) / 60);
    ctx.print(`Signed in as ${email} (username ${outcome.session.username}) with SRP.`);
    ctx.print(`Tokens stored in ${file} (mode 0600): ID and access tokens valid for ${minutes} minutes, then refreshed with the refresh token.`);
    ctx.print(`Next: npm run rider -- ride --lat 47.6062 --lng -122.3321${targetFlags(ctx.values)}`);
    return 0;
  },
};

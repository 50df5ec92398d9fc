import { RIDER_TOOL_CALLBACK_URL } from '../../../lib/hosted-ui-config.js';
import { required, targetFlags, type Command, type CommandContext } from '../../shared/command.js';
import { ToolError, UsageError } from '../../shared/errors.js';
import { secondsLeft } from '../../shared/jwt.js';
import { srpSignIn } from '../auth.js';
import { apiScopesOf, authorizationRequest, exchangeCode, listenForCode } from '../hosted-ui-sign-in.js';
import { saveSession, type RiderSession } from '../session.js';
import { EMAIL, PASSWORD } from './shared-options.js';

function stored(ctx: CommandContext, file: string, session: RiderSession, signedIn: string): void {
  const minutes = Math.round((secondsLeft(session.idToken) ?? 0) / 60);
  ctx.print(signedIn);
  ctx.print(`Tokens stored in ${file} (mode 0600): ID and access tokens valid for ${minutes} minutes, then refreshed with the refresh token.`);
  ctx.print(`Next: npm run rider -- ride --lat 47.6062 --lng -122.3321${targetFlags(ctx.values)}`);
}

/**
 * The authorization code grant with PKCE through the hosted UI, as a native app does it (RFC 8252):
 * the rider signs in in a browser, the code comes back to this tool on localhost, and the tokens carry
 * the API's scopes (what -c requireScopes=true asks for).
 */
async function hostedUiSignIn(ctx: CommandContext): Promise<number> {
  if (ctx.values.email !== undefined || ctx.values.password !== undefined) {
    throw new UsageError('With --hosted-ui the email and password go into the hosted UI in your browser, not on this command line.');
  }
  const target = ctx.target();
  const request = authorizationRequest(target);
  const { code } = await listenForCode(request);
  ctx.print('Open this address in your browser and sign in (or sign up) on the hosted UI:');
  ctx.print(`  ${request.url}`);
  ctx.note(`Waiting for the browser to come back to ${RIDER_TOOL_CALLBACK_URL} (5 minutes; Ctrl+C stops)…`);
  const session = await exchangeCode(target, await code, request.verifier);
  const file = saveSession(target, session);
  stored(ctx, file, session, `Signed in as username ${session.username} through the hosted UI (scopes: ${apiScopesOf(session.accessToken).join(', ') || 'none of the API\'s'}).`);
  return 0;
}

/** USER_SRP_AUTH (the password never leaves this machine), or the hosted UI in a browser; then the tokens are kept for the other commands. */
export const signIn: Command = {
  name: 'sign-in',
  summary: 'Sign in with SRP (the password is never sent), or --hosted-ui in a browser, and keep the tokens for the other commands',
  details:
    "Example: npm run rider -- sign-in --email rider@example.com --password 'Unicorns-4-ever!'\n" +
    '         npm run rider -- sign-in --hosted-ui   (prints an address to open; needed when the stack has -c requireScopes=true)',
  options: {
    email: EMAIL,
    password: PASSWORD,
    'hosted-ui': { type: 'boolean', description: `sign in on the hosted UI in a browser; the code comes back to ${RIDER_TOOL_CALLBACK_URL}` },
  },
  async run(ctx) {
    if (ctx.values['hosted-ui']) return hostedUiSignIn(ctx);
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
    stored(ctx, file, outcome.session, `Signed in as ${email} (username ${outcome.session.username}) with SRP.`);
    return 0;
  },
};

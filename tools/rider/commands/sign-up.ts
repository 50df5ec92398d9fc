import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { required, targetFlags, type Command } from '../../shared/command.js';
import { riderIdpClient } from '../../shared/cognito-clients.js';
import { explained } from '../../shared/service-errors.js';
import { EMAIL, PASSWORD } from './shared-options.js';

/** SignUp, as the website's registration page calls it: the email is the username and an attribute; Cognito mails a code. */
export const signUp: Command = {
  name: 'sign-up',
  summary: 'Register a rider with an email and a password; Cognito mails a verification code',
  details: 'Example: npm run rider -- sign-up --email rider@example.com --password \'Unicorns-4-ever!\'',
  options: { email: EMAIL, password: PASSWORD },
  async run(ctx) {
    const email = required(ctx.values, 'email');
    const password = required(ctx.values, 'password', 'pass it, or set RIDER_PASSWORD');
    const target = ctx.target();
    const idp = riderIdpClient(target);
    try {
      const answer = await explained('Cognito', target.userPoolEndpoint, () =>
        idp.send(new SignUpCommand({ ClientId: target.userPoolClientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] })),
      );
      ctx.print(`Signed up ${email} in ${target.userPoolId} (user ${answer.UserSub}).`);
      const where = answer.CodeDeliveryDetails?.Destination ?? email;
      ctx.print(
        target.local
          ? `Cognito mailed a verification code to ${where}; locally it is in the mailbox (${target.mailboxUrl}).`
          : `Cognito mailed a verification code to ${where}.`,
      );
      ctx.print(`Next: npm run rider -- confirm --email ${email}${target.local ? '' : ' --code <code from the mail>'}${targetFlags(ctx.values)}`);
      return 0;
    } finally {
      idp.destroy();
    }
  },
};

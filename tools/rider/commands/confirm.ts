import { ConfirmSignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { required, targetFlags, type Command } from '../../shared/command.js';
import { riderIdpClient } from '../../shared/cognito-clients.js';
import { ServiceError, UsageError } from '../../shared/errors.js';
import { explained } from '../../shared/service-errors.js';
import type { Target } from '../../shared/target.js';
import { EMAIL } from './shared-options.js';

interface MailMessage {
  to: string;
  subject: string;
  code: string;
}

/** The latest code the local Cognito "mailed" to this address (GET /_local/mailbox, loopback only). */
export async function codeFromLocalMailbox(target: Target, email: string): Promise<string> {
  const url = target.mailboxUrl!;
  const messages = await explained('The local mailbox', url, async () => {
    const response = await fetch(url);
    if (!response.ok) throw new ServiceError(`The local mailbox (${url}) answered ${response.status}; it answers only on this machine.`);
    return (await response.json()) as MailMessage[];
  });
  const mine = messages.filter((m) => m.to.toLowerCase() === email.toLowerCase());
  const latest = mine.at(-1);
  if (!latest) throw new ServiceError(`No mail to ${email} in the local mailbox (${url}). Sign up first: npm run rider -- sign-up --email ${email}`);
  return latest.code;
}

/** ConfirmSignUp with the code from the mail: the email becomes verified and the rider may sign in. */
export const confirm: Command = {
  name: 'confirm',
  summary: 'Confirm a sign-up with the mailed code (locally read from the mailbox when --code is left out)',
  details: 'Example: npm run rider -- confirm --email rider@example.com            (local cloud)\n         npm run rider -- confirm --email rider@example.com --code 123456 --outputs cdk-outputs.json',
  options: { email: EMAIL, code: { type: 'string', placeholder: '<code>', description: 'the 6-digit code from the mail (local: optional, read from the mailbox)' } },
  async run(ctx) {
    const email = required(ctx.values, 'email');
    const target = ctx.target();
    let code = typeof ctx.values.code === 'string' ? ctx.values.code : undefined;
    if (code === undefined) {
      if (!target.mailboxUrl) throw new UsageError('--code is required for a deployed stack: copy it from the mail Cognito sent.');
      code = await codeFromLocalMailbox(target, email);
      ctx.print(`Read code ${code} for ${email} from the local mailbox.`);
    }
    const idp = riderIdpClient(target);
    try {
      await explained('Cognito', target.userPoolEndpoint, () => idp.send(new ConfirmSignUpCommand({ ClientId: target.userPoolClientId, Username: email, ConfirmationCode: code })));
    } finally {
      idp.destroy();
    }
    ctx.print(`Confirmed ${email}: the email is verified and the rider may sign in.`);
    ctx.print(`Next: npm run rider -- sign-in --email ${email} --password <password>${targetFlags(ctx.values)}`);
    return 0;
  },
};

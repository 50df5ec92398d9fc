import { Amplify } from 'aws-amplify';
import { confirmSignUp, fetchAuthSession, signIn, signOut, signUp } from 'aws-amplify/auth';
import { codeFromMailbox, PASSWORD, uniqueEmail } from './cloud.js';

/** Amplify v6 configured as the website configures itself, from the local outputs. */
export function configureAmplify(out: Record<string, string>) {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: out.UserPoolId!,
        userPoolClientId: out.UserPoolClientId!,
        identityPoolId: out.IdentityPoolId!,
        userPoolEndpoint: out.UserPoolEndpoint!,
        identityPoolEndpoint: out.IdentityPoolEndpoint!,
      },
    },
  });
}

/**
 * A rider's path through the real client: sign up, read the code from the
 * mailbox, confirm, sign in with SRP, and take the session (ID token and,
 * where an identity pool is configured, AWS credentials).
 */
export async function amplifyRider(out: Record<string, string>, email = uniqueEmail('amplify')) {
  await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
  const { isSignUpComplete } = await confirmSignUp({ username: email, confirmationCode: await codeFromMailbox(out.MailboxUrl!, email) });
  if (!isSignUpComplete) throw new Error('sign-up did not complete');
  return { email, ...(await amplifySignIn(email)) };
}

export async function amplifySignIn(email: string) {
  await signOut();
  const result = await signIn({ username: email, password: PASSWORD });
  if (!result.isSignedIn) throw new Error(`sign-in stopped at ${result.nextStep.signInStep}`);
  const session = await fetchAuthSession();
  return { idToken: session.tokens!.idToken!.toString(), credentials: session.credentials, identityId: session.identityId };
}

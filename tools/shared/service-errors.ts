import { ServiceError } from './errors.js';

/** What to do about the errors a rider or an administrator meets, keyed by the service's error name. */
const HINTS: Readonly<Record<string, string>> = {
  UsernameExistsException: 'That email is already signed up: sign in, or confirm it if you have not yet.',
  InvalidPasswordException: 'The pool wants 12 or more characters with upper case, lower case, a digit and a symbol.',
  CodeMismatchException: 'The code is wrong: copy it again from the mail (locally: from the mailbox).',
  ExpiredCodeException: 'The code has expired: ask for a new one by signing up again or with ResendConfirmationCode.',
  UserNotConfirmedException: 'Confirm the email first: npm run rider -- confirm --email <email>.',
  NotAuthorizedException: 'Wrong email or password, or the user may not do this.',
  UserNotFoundException: 'No such user in this pool.',
  PasswordResetRequiredException: 'An administrator asked for a password reset.',
  InvalidParameterException: 'A parameter was refused; the message says which.',
  LimitExceededException: 'Too many attempts: wait a little and try again.',
  TooManyRequestsException: 'Too many requests: wait a little and try again.',
  CredentialsProviderError: 'No AWS credentials found for this administrator call: set AWS_PROFILE (or run aws configure / aws sso login) for the account of the stack.',
  UnrecognizedClientException: 'The AWS credentials are not valid for this account or endpoint.',
  AccessDeniedException: 'Your AWS credentials are not allowed to do this.',
};

/**
 * A service's refusal turned into a sentence a person can act on: the
 * service's own error name and message, then what to do. A connection that
 * could not be made says which address did not answer.
 */
export function explainServiceError(err: unknown, service: string, endpoint?: string): ServiceError {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  const name = e?.name ?? 'Error';
  const code = e?.cause?.code ?? (e as { code?: string })?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || /ECONNREFUSED|ENOTFOUND|fetch failed/.test(e?.message ?? '')) {
    const where = endpoint ?? `the ${service} endpoint`;
    const local = endpoint !== undefined && /^http:\/\/(127\.|localhost|\[::1\])/.test(endpoint);
    return new ServiceError(
      local
        ? `Nothing answers at ${where}: is the local cloud still running (npm start)?`
        : `Could not reach ${where}: check your network, and that the outputs file is the deployed stack's.`,
    );
  }
  const hint = HINTS[name];
  return new ServiceError(`${service} answered ${name}: ${e?.message ?? String(err)}${hint ? `\n  → ${hint}` : ''}`);
}

/** Runs a service call and turns its error into an explained ServiceError. */
export async function explained<T>(service: string, endpoint: string | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    throw explainServiceError(err, service, endpoint);
  }
}

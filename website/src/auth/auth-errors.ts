/**
 * Turns what Cognito (through Amplify) throws into words a rider understands, plus
 * the one thing they can do about it. Pure: the pages decide how to show it.
 *
 * Amplify v6 keeps Cognito's exception name in `error.name`; the same name can mean
 * different things in different steps (NotAuthorizedException is "wrong password"
 * at sign-in but "already confirmed" at verification), so the step is an input.
 */
import { MIN_PASSWORD_LENGTH } from './password-rules';

export type AuthStep =
  | 'signIn'
  | 'signUp'
  | 'confirmSignUp'
  | 'resendCode'
  | 'forgotPassword'
  | 'confirmForgotPassword'
  | 'session';

/** A follow-up the page can offer as a button or link. */
export type AuthRemedy = 'verify' | 'signIn' | 'resendCode' | 'forgotPassword' | 'register';

export interface AuthErrorMessage {
  message: string;
  remedy?: AuthRemedy;
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name;
  return 'UnknownError';
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

export function describeAuthError(error: unknown, step: AuthStep): AuthErrorMessage {
  const name = errorName(error);
  const raw = errorText(error);
  switch (name) {
    case 'UsernameExistsException':
      return {
        message: 'An account with this email already exists. Sign in, or verify it if you never entered the code.',
        remedy: 'signIn',
      };
    case 'InvalidPasswordException':
      return {
        message: `That password does not meet the rules: at least ${MIN_PASSWORD_LENGTH} characters with a lowercase letter, an uppercase letter, a number and a symbol.`,
      };
    case 'CodeMismatchException':
      return { message: 'That code is not right. Check the latest email and try again.', remedy: 'resendCode' };
    case 'ExpiredCodeException':
      return { message: 'That code has expired. Ask for a new one and use it within the hour.', remedy: 'resendCode' };
    case 'UserNotConfirmedException':
      return { message: 'This account is not verified yet. Enter the code we emailed you.', remedy: 'verify' };
    case 'UserNotFoundException':
      // Pools normally hide this at sign-in (prevent user existence errors); be equally discreet.
      if (step === 'signIn') return { message: 'Incorrect email or password.', remedy: 'forgotPassword' };
      return { message: 'No account was found for this email.', remedy: 'register' };
    case 'NotAuthorizedException':
      if (step === 'confirmSignUp' || step === 'resendCode') {
        if (/CONFIRMED/i.test(raw)) return { message: 'This account is already verified. You can sign in.', remedy: 'signIn' };
      }
      if (step === 'session' || /refresh token|revoked|expired/i.test(raw)) {
        return { message: 'Your session has ended. Please sign in again.', remedy: 'signIn' };
      }
      if (/disabled/i.test(raw)) return { message: 'This account has been disabled. Contact the stable master.' };
      if (step === 'signIn') return { message: 'Incorrect email or password.', remedy: 'forgotPassword' };
      return { message: `Not allowed: ${raw}` };
    case 'LimitExceededException':
      return { message: 'Too many attempts. Wait a few minutes before trying again.' };
    case 'TooManyFailedAttemptsException':
    case 'TooManyRequestsException':
      return { message: 'Too many failed attempts. Wait a few minutes before trying again.' };
    case 'InvalidParameterException':
      if (/confirmed|verified/i.test(raw)) {
        return { message: 'This account is not verified yet, so a password reset code cannot be sent. Verify it first.', remedy: 'verify' };
      }
      return { message: `Some details were not accepted: ${raw}` };
    case 'CodeDeliveryFailureException':
      return { message: 'We could not send the code email. Try again in a moment.' };
    case 'PasswordResetRequiredException':
      return { message: 'You need to choose a new password before signing in.', remedy: 'forgotPassword' };
    case 'UserAlreadyAuthenticatedException':
      return { message: 'You are already signed in.' };
    case 'NetworkError':
      return { message: 'Could not reach the sign-in service. Check your connection and try again.' };
    // Amplify's own input checks (empty fields) carry readable messages already.
    case 'EmptySignInUsername':
    case 'EmptySignUpUsername':
    case 'EmptyConfirmSignUpUsername':
    case 'EmptyResetPasswordUsername':
      return { message: 'Enter your email address.' };
    case 'EmptySignInPassword':
    case 'EmptySignUpPassword':
    case 'EmptyConfirmResetPasswordNewPassword':
      return { message: 'Enter a password.' };
    case 'EmptyConfirmSignUpCode':
    case 'EmptyConfirmResetPasswordConfirmationCode':
      return { message: 'Enter the code from the email.' };
    default:
      return { message: raw && raw !== 'Unknown error' ? `Something went wrong: ${raw}` : 'Something went wrong. Please try again.' };
  }
}

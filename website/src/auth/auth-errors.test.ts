import { describe, expect, it } from 'vitest';
import { describeAuthError } from './auth-errors';

/** Amplify v6 throws errors whose `name` is Cognito's exception name. */
const cognitoError = (name: string, message = 'from Cognito') => Object.assign(new Error(message), { name });

describe('describeAuthError', () => {
  it.each([
    ['UsernameExistsException', 'signUp', /already exists/, 'signIn'],
    ['InvalidPasswordException', 'signUp', /at least 12 characters/, undefined],
    ['CodeMismatchException', 'confirmSignUp', /code is not right/, 'resendCode'],
    ['ExpiredCodeException', 'confirmSignUp', /expired/, 'resendCode'],
    ['UserNotConfirmedException', 'signIn', /not verified/, 'verify'],
    ['LimitExceededException', 'resendCode', /Too many attempts/, undefined],
    ['TooManyFailedAttemptsException', 'signIn', /Too many failed attempts/, undefined],
    ['UserNotFoundException', 'forgotPassword', /No account/, 'register'],
  ] as const)('%s during %s', (name, step, message, remedy) => {
    const described = describeAuthError(cognitoError(name), step);
    expect(described.message).toMatch(message);
    expect(described.remedy).toBe(remedy);
  });

  it('says "incorrect email or password" for a wrong password, and for an unknown user at sign-in', () => {
    expect(describeAuthError(cognitoError('NotAuthorizedException', 'Incorrect username or password.'), 'signIn').message).toBe(
      'Incorrect email or password.',
    );
    // Revealing which emails have accounts helps attackers; the same words either way.
    expect(describeAuthError(cognitoError('UserNotFoundException'), 'signIn').message).toBe('Incorrect email or password.');
  });

  it('reads NotAuthorizedException at verification as "already verified"', () => {
    const e = cognitoError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
    expect(describeAuthError(e, 'confirmSignUp')).toEqual({ message: 'This account is already verified. You can sign in.', remedy: 'signIn' });
  });

  it('reads a revoked refresh token as an ended session', () => {
    const e = cognitoError('NotAuthorizedException', 'Refresh Token has been revoked');
    expect(describeAuthError(e, 'session')).toEqual({ message: 'Your session has ended. Please sign in again.', remedy: 'signIn' });
  });

  it('explains InvalidParameterException on a reset for an unverified account', () => {
    const e = cognitoError('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');
    expect(describeAuthError(e, 'forgotPassword').remedy).toBe('verify');
  });

  it('passes other InvalidParameterException details through in plain words', () => {
    const e = cognitoError('InvalidParameterException', 'Invalid email address format.');
    expect(describeAuthError(e, 'signUp').message).toBe('Some details were not accepted: Invalid email address format.');
  });

  it('reports a network failure without jargon', () => {
    expect(describeAuthError(cognitoError('NetworkError', 'A network error has occurred.'), 'signIn').message).toMatch(/Could not reach/);
  });

  it('falls back to the raw message for an unknown error, and copes with non-errors', () => {
    expect(describeAuthError(cognitoError('WeirdException', 'odd thing'), 'signIn').message).toBe('Something went wrong: odd thing');
    expect(describeAuthError('boom', 'signIn').message).toBe('Something went wrong: boom');
  });
});

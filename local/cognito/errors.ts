/**
 * Errors as Cognito sends them: HTTP 400 with `{"__type": "<Name>", "message": "..."}`.
 * Each class names one `__type`; the HTTP layer turns any CognitoError into
 * that body and anything else into an InternalErrorException without details.
 */
export abstract class CognitoError extends Error {
  /** The `__type` the AWS SDK turns into an exception class. */
  abstract readonly type: string;
  readonly status: number = 400;
}

/** A CognitoError class for one `__type` (status 400 unless given), its name that type. */
export function named(type: string, status = 400) {
  return class extends CognitoError {
    override readonly type = type;
    override readonly status = status;
    override name = type;
  };
}

export class UsernameExistsException extends named('UsernameExistsException') {}
export class InvalidPasswordException extends named('InvalidPasswordException') {}
export class CodeMismatchException extends named('CodeMismatchException') {}
export class ExpiredCodeException extends named('ExpiredCodeException') {}
export class UserNotConfirmedException extends named('UserNotConfirmedException') {}
export class UserNotFoundException extends named('UserNotFoundException') {}
export class NotAuthorizedException extends named('NotAuthorizedException') {}
export class InvalidParameterException extends named('InvalidParameterException') {}
export class ResourceNotFoundException extends named('ResourceNotFoundException') {}
export class LimitExceededException extends named('LimitExceededException') {}
export class TooManyFailedAttemptsException extends named('TooManyFailedAttemptsException') {}
export class UnsupportedTokenTypeException extends named('UnsupportedTokenTypeException') {}
export class UnsupportedUserStateException extends named('UnsupportedUserStateException') {}
export class InvalidIdentityPoolConfigurationException extends named('InvalidIdentityPoolConfigurationException') {}
export class UnauthorizedException extends named('UnauthorizedException') {}
export class AliasExistsException extends named('AliasExistsException') {}
export class GroupExistsException extends named('GroupExistsException') {}
export class PasswordResetRequiredException extends named('PasswordResetRequiredException') {}
export class InternalErrorException extends named('InternalErrorException', 500) {}
/** Coral's answer for an X-Amz-Target the service does not know. */
export class UnknownOperationException extends named('com.amazon.coral.service#UnknownOperationException') {}
/** Coral's answer for a body that is not JSON, or not an object. */
export class SerializationException extends named('com.amazon.coral.service#SerializationException') {}
/** A body over the size limit. */
export class RequestEntityTooLargeException extends named('RequestEntityTooLargeException', 413) {}

/** The message Cognito gives whenever a sign-in must not reveal why it failed. */
export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

/**
 * The Cognito actions a client may call without AWS credentials. Every other
 * action (the Admin* family, ListUsers, DescribeUserPool, CreateGroup, ...)
 * must be SigV4-signed, as the real service requires.
 *
 * Source: the service models botocore ships (and the AWS SDKs are generated
 * from). In `botocore/data/cognito-idp/2016-04-18/service-2.json` these are the
 * operations marked `"authtype":"none"` / `"auth":["smithy.api#noAuth"]`
 * (botocore 1.43); in `cognito-identity/2014-06-30/service-2.json` the same
 * marks are on GetId, GetCredentialsForIdentity, GetOpenIdToken and
 * UnlinkIdentity. The user-pool ones authenticate the user by an access token,
 * a session or a code in the body instead.
 */
export const UNSIGNED_USER_POOL_ACTIONS: ReadonlySet<string> = new Set([
  'AssociateSoftwareToken',
  'ChangePassword',
  'CompleteWebAuthnRegistration',
  'ConfirmDevice',
  'ConfirmForgotPassword',
  'ConfirmSignUp',
  'DeleteUser',
  'DeleteUserAttributes',
  'DeleteWebAuthnCredential',
  'ForgetDevice',
  'ForgotPassword',
  'GetDevice',
  'GetTokensFromRefreshToken',
  'GetUser',
  'GetUserAttributeVerificationCode',
  'GetUserAuthFactors',
  'GlobalSignOut',
  'InitiateAuth',
  'ListDevices',
  'ListWebAuthnCredentials',
  'ResendConfirmationCode',
  'RespondToAuthChallenge',
  'RevokeToken',
  'SetUserMFAPreference',
  'SetUserSettings',
  'SignUp',
  'StartWebAuthnRegistration',
  'UpdateAuthEventFeedback',
  'UpdateDeviceStatus',
  'UpdateUserAttributes',
  'VerifySoftwareToken',
  'VerifyUserAttribute',
]);

export const UNSIGNED_IDENTITY_POOL_ACTIONS: ReadonlySet<string> = new Set(['GetCredentialsForIdentity', 'GetId', 'GetOpenIdToken', 'UnlinkIdentity']);

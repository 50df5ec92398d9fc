import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Target } from './target.js';

// These are developer tools run on Node 20 (engines); the SDK's notice about Node versions is not for attendees.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * A user-pool client for a rider's own calls (SignUp, ConfirmSignUp,
 * InitiateAuth, RespondToAuthChallenge): Cognito takes those unsigned, so no
 * AWS credentials are read. Locally it talks to the local Cognito.
 */
export function riderIdpClient(target: Target): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: target.region,
    maxAttempts: 1,
    ...(target.userPoolEndpoint ? { endpoint: target.userPoolEndpoint } : {}),
  });
}

/**
 * A user-pool client for administrator calls (AdminCreateUser…), which Cognito
 * requires to be SigV4-signed: locally with the local administrator's key from
 * the outputs file; against AWS with the default credential chain (environment,
 * AWS_PROFILE, SSO, instance role…).
 */
export function adminIdpClient(target: Target): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: target.region,
    maxAttempts: 1,
    ...(target.userPoolEndpoint ? { endpoint: target.userPoolEndpoint } : {}),
    ...(target.admin ? { credentials: { ...target.admin } } : {}),
  });
}

/** The identity-pool client (GetId, GetCredentialsForIdentity: both unsigned). */
export function identityClient(target: Target): CognitoIdentityClient {
  return new CognitoIdentityClient({
    region: target.region,
    maxAttempts: 1,
    ...(target.identityPoolEndpoint ? { endpoint: target.identityPoolEndpoint } : {}),
  });
}

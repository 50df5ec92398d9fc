/**
 * What the gateway needs from the local Cognito: signing keys of user pools,
 * and the temporary credentials the identity pool has handed out. Kept narrow
 * so the gateway can be tested against any source of real keys and credentials.
 */
export interface IdentityProvider {
  jwks(userPoolId: string): { keys: object[] };
  /** Credentials ever issued, expired ones included (so expiry can be told apart from forgery). */
  lookupCredentials(accessKeyId: string): IssuedCredentials | undefined;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  identityId: string;
  identityPoolId: string;
  /** arn:aws:iam::ACCOUNT:role/NAME */
  roleArn: string;
  /** arn:aws:sts::ACCOUNT:assumed-role/NAME/CognitoIdentityCredentials */
  assumedRoleArn: string;
  authenticationProvider: string;
}

import type { IssuedCredentials } from '../cognito/types.js';

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

/** The identity pool's credentials, exactly as the local Cognito records them. */
export type { IssuedCredentials } from '../cognito/types.js';

import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { identityClient } from './cognito-clients.js';
import { decodeClaims } from './jwt.js';
import type { Target } from './target.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO time the identity pool says they expire (an hour after issue). */
  expiration: string;
}

export interface IdentityCredentials {
  identityId: string;
  credentials: AwsCredentials;
}

/**
 * Trades an ID token for the identity pool's temporary credentials, as Amplify
 * does: GetId, then GetCredentialsForIdentity, each with `Logins` keyed by the
 * token's issuer without its `https://` (`cognito-idp.<region>.amazonaws.com/<poolId>`).
 * The credentials belong to the pool's authenticated role.
 */
export async function identityCredentials(target: Target, idToken: string): Promise<IdentityCredentials> {
  const issuer = String(decodeClaims(idToken).iss ?? '');
  const logins = { [issuer.replace(/^https:\/\//, '')]: idToken };
  const client = identityClient(target);
  try {
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: target.identityPoolId, Logins: logins }));
    const answer = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const c = answer.Credentials!;
    return {
      identityId: IdentityId!,
      credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretKey!, sessionToken: c.SessionToken!, expiration: c.Expiration!.toISOString() },
    };
  } finally {
    client.destroy();
  }
}

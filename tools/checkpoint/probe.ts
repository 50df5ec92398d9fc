import { AdminDeleteUserCommand, ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import type { AuthMode } from '../../lib/auth-mode.js';
import { callApi, type ApiAnswer, type ApiAuth, type ApiRequest } from '../shared/api-call.js';
import { adminIdpClient, riderIdpClient } from '../shared/cognito-clients.js';
import { identityCredentials, type IdentityCredentials } from '../shared/identity-credentials.js';
import { decodeClaims } from '../shared/jwt.js';
import { explained } from '../shared/service-errors.js';
import type { Target } from '../shared/target.js';
import { codeFromLocalMailbox } from '../rider/commands/confirm.js';
import { srpSignIn } from '../rider/auth.js';

export interface ProbeRider {
  email: string;
  /** Kept for signing in again (after a group change: groups reach only new tokens). */
  password: string;
  username: string;
  idToken: string;
  accessToken: string;
}

export const PICKUP = { PickupLocation: { Latitude: 47.6062, Longitude: -122.3321 } };

/** A password the pool's policy accepts, new for each probe rider. */
const probePassword = () => `Cp-${randomBytes(9).toString('base64url')}-9z!`;

/**
 * What checkpoints use to look at the running local cloud: its outputs, the
 * API, and a throwaway rider (signed up through the mailbox, signed in with
 * SRP) who is deleted again when the checkpoint is over.
 */
export class Probe {
  private riderPromise: Promise<ProbeRider> | undefined;
  private readonly made: string[] = [];
  constructor(readonly target: Target) {}

  get mode(): AuthMode {
    return this.target.authMode;
  }

  /** A rider of this pool, confirmed and signed in (made on first use). */
  rider(): Promise<ProbeRider> {
    return (this.riderPromise ??= this.newRider());
  }

  async newRider(): Promise<ProbeRider> {
    const email = `checkpoint-${randomBytes(5).toString('hex')}@example.com`;
    const password = probePassword();
    const idp = riderIdpClient(this.target);
    try {
      await explained('Cognito', this.target.userPoolEndpoint, () =>
        idp.send(new SignUpCommand({ ClientId: this.target.userPoolClientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] })),
      );
      this.made.push(email);
      const code = await codeFromLocalMailbox(this.target, email);
      await explained('Cognito', this.target.userPoolEndpoint, () =>
        idp.send(new ConfirmSignUpCommand({ ClientId: this.target.userPoolClientId, Username: email, ConfirmationCode: code })),
      );
    } finally {
      idp.destroy();
    }
    return this.signIn(email, password);
  }

  /** Signs a probe rider in (again): new tokens, which carry the rider's groups as they are now. */
  async signIn(email: string, password: string): Promise<ProbeRider> {
    const outcome = await srpSignIn(this.target, email, password);
    if (outcome.kind !== 'signed-in') throw new Error(`sign-in of the probe rider stopped at ${outcome.challengeName}`);
    return { email, password, username: outcome.session.username, idToken: outcome.session.idToken, accessToken: outcome.session.accessToken };
  }

  credentials(idToken: string): Promise<IdentityCredentials> {
    return explained('Cognito identity pool', this.target.identityPoolEndpoint, () => identityCredentials(this.target, idToken));
  }

  /** A call to the API with exactly the given auth (nothing added). */
  call(auth: ApiAuth, request: ApiRequest = { method: 'POST', path: 'ride', body: PICKUP }, mode: AuthMode = this.mode): Promise<ApiAnswer> {
    return callApi(this.target.apiUrl, this.target.region, mode, auth, request);
  }

  /**
   * What a signed-in rider sends in this mode (the ID token, or a SigV4 signature), and who the ride
   * function should see: the user-pool sub in every mode (in iam mode, read from the signer's
   * cognitoAuthenticationProvider), so a rider keeps their rides when the instructor switches modes.
   */
  async riderAuth(rider?: ProbeRider): Promise<{ auth: ApiAuth; expectedRider: string }> {
    rider ??= await this.rider();
    if (this.mode === 'none') return { auth: {}, expectedRider: 'anonymous' };
    const sub = String(decodeClaims(rider.idToken).sub);
    if (this.mode === 'iam') {
      const { credentials } = await this.credentials(rider.idToken);
      return { auth: { credentials }, expectedRider: sub };
    }
    return { auth: { token: rider.idToken }, expectedRider: sub };
  }

  /** Deletes the riders this probe made (their rides stay in the table, as any rider's do). */
  async cleanUp(): Promise<void> {
    if (this.made.length === 0 || !this.target.admin) return;
    const admin = adminIdpClient(this.target);
    try {
      for (const email of this.made.splice(0)) {
        await admin.send(new AdminDeleteUserCommand({ UserPoolId: this.target.userPoolId, Username: email })).catch(() => undefined);
      }
    } finally {
      admin.destroy();
    }
  }
}

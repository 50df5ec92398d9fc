/**
 * The few Cognito operations the site needs, as one interface. Pages depend on the
 * interface (through React context), so component tests can pass a fake and the
 * real implementation stays a thin wrapper over aws-amplify/auth.
 */
import {
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  getCurrentUser,
  resendSignUpCode,
  resetPassword,
  signIn,
  signInWithRedirect,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import type { SiteConfig } from '../config/config';
import { logoutUrl, sessionFlow, toHostedUiScheme } from './hosted-ui';
import { normalizeCode } from './form-input';

/** What happened after a sign-in attempt that did not throw. */
export type SignInOutcome =
  | { kind: 'signedIn' }
  | { kind: 'needsVerification' }
  | { kind: 'needsPasswordReset' }
  | { kind: 'needsNewPassword' }
  | { kind: 'unsupported'; step: string };

export interface SessionTokens {
  /** The raw ID token (a JWT), as sent in Authorization in the cognito mode. */
  idToken: string;
  /** Decoded ID-token claims, for display in the request inspector. */
  claims: Record<string, unknown>;
  email: string | undefined;
  /** The raw access token: what the API wants with `-c requireScopes=true`. */
  accessToken: string;
  /** The access token's scopes (its `scope` claim). */
  accessScopes: string[];
  /** Which sign-in produced the session: the SRP form or the hosted UI. */
  flow: 'hostedUi' | 'srp';
  /** IAM mode only: whether the identity pool handed out AWS credentials to sign with. */
  hasAwsCredentials: boolean;
  /** IAM mode only: the rider's Cognito identity id (`region:uuid`). */
  identityId?: string;
}

export interface AuthService {
  register(email: string, password: string): Promise<{ needsVerification: boolean; destination?: string }>;
  confirmRegistration(email: string, code: string): Promise<void>;
  resendCode(email: string): Promise<{ destination?: string }>;
  signIn(email: string, password: string): Promise<SignInOutcome>;
  /** Answers a NEW_PASSWORD_REQUIRED challenge (an admin-created account). */
  completeNewPassword(newPassword: string): Promise<SignInOutcome>;
  signOut(): Promise<void>;
  /** Leaves for the hosted UI (Amplify's signInWithRedirect: code grant with PKCE). */
  signInWithHostedUi(): Promise<void>;
  /** On the callback route: resolves once Amplify has exchanged the code for tokens, rejects with why it could not. */
  completeHostedUiSignIn(): Promise<void>;
  forgotPassword(email: string): Promise<{ destination?: string }>;
  confirmForgotPassword(email: string, code: string, newPassword: string): Promise<void>;
  /**
   * The current tokens, refreshed first if they have expired (Amplify does this
   * silently with the refresh token). `null` means there is no usable session:
   * never signed in, signed out, or the refresh token was revoked or expired.
   * `forceRefresh` asks for new tokens even if the current ones are still valid.
   */
  currentSession(forceRefresh?: boolean): Promise<SessionTokens | null>;
}

function toOutcome(step: string): SignInOutcome {
  switch (step) {
    case 'DONE':
      return { kind: 'signedIn' };
    case 'CONFIRM_SIGN_UP':
      return { kind: 'needsVerification' };
    case 'RESET_PASSWORD':
      return { kind: 'needsPasswordReset' };
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED':
      return { kind: 'needsNewPassword' };
    default:
      return { kind: 'unsupported', step };
  }
}

/** The site's config, for the hosted UI's URLs; set once config.json is loaded (main.tsx). */
let siteConfig: SiteConfig | undefined;
export function setAuthConfig(config: SiteConfig): void {
  siteConfig = config;
}

export const amplifyAuthService: AuthService = {
  async register(email, password) {
    const result = await signUp({
      username: email,
      password,
      options: { userAttributes: { email } },
    });
    const step = result.nextStep;
    return step.signUpStep === 'CONFIRM_SIGN_UP'
      ? { needsVerification: true, destination: step.codeDeliveryDetails.destination }
      : { needsVerification: false };
  },
  async confirmRegistration(email, code) {
    await confirmSignUp({ username: email, confirmationCode: normalizeCode(code) });
  },
  async resendCode(email) {
    const details = await resendSignUpCode({ username: email });
    return { destination: details.destination };
  },
  async signIn(email, password) {
    const result = await signIn({ username: email, password });
    return toOutcome(result.nextStep.signInStep);
  },
  async completeNewPassword(newPassword) {
    const result = await confirmSignIn({ challengeResponse: newPassword });
    return toOutcome(result.nextStep.signInStep);
  },
  async signOut() {
    const hostedUi = (await amplifyAuthService.currentSession())?.flow === 'hostedUi';
    await signOut();
    // A hosted-UI session also ends at the domain's /logout, which Amplify opens as https://…; the local
    // Cognito is http, so the local cloud's redirect replaces that navigation with the http one.
    const local = siteConfig?.hostedUiUrl?.startsWith('http://') ? logoutUrl(siteConfig) : undefined;
    if (hostedUi && local) window.location.assign(local);
  },
  async signInWithHostedUi() {
    const config = siteConfig;
    await signInWithRedirect({
      options: {
        authSessionOpener: async (url: string) => {
          window.location.href = config ? toHostedUiScheme(config, url) : url;
          return undefined as never;
        },
      },
    });
  },
  completeHostedUiSignIn() {
    return new Promise<void>((resolve, reject) => {
      const stop = Hub.listen('auth', ({ payload }) => {
        if (payload.event === 'signInWithRedirect_failure') {
          stop();
          reject((payload.data as { error?: Error } | undefined)?.error ?? new Error('The hosted UI sign-in failed.'));
        }
      });
      // fetchAuthSession waits for Amplify's in-flight code exchange, then has the tokens.
      fetchAuthSession()
        .then((session) => {
          if (session.tokens?.idToken) {
            stop();
            resolve();
          }
        })
        .catch(() => undefined);
    });
  },
  async forgotPassword(email) {
    const result = await resetPassword({ username: email });
    const step = result.nextStep;
    return step.resetPasswordStep === 'CONFIRM_RESET_PASSWORD_WITH_CODE'
      ? { destination: step.codeDeliveryDetails.destination }
      : {};
  },
  async confirmForgotPassword(email, code, newPassword) {
    await confirmResetPassword({ username: email, confirmationCode: normalizeCode(code), newPassword });
  },
  async currentSession(forceRefresh = false) {
    try {
      const session = await fetchAuthSession({ forceRefresh });
      const idToken = session.tokens?.idToken;
      if (!idToken) return null;
      const claims = idToken.payload as Record<string, unknown>;
      const accessToken = session.tokens!.accessToken;
      const accessScopes = String(accessToken.payload.scope ?? '').split(' ').filter(Boolean);
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      if (!email) {
        // Pools without an email claim in the ID token still know the sign-in name.
        email = (await getCurrentUser().catch(() => undefined))?.signInDetails?.loginId;
      }
      return {
        idToken: idToken.toString(),
        claims,
        accessToken: accessToken.toString(),
        accessScopes,
        flow: sessionFlow(accessScopes),
        email,
        hasAwsCredentials: Boolean(session.credentials),
        ...(session.identityId ? { identityId: session.identityId } : {}),
      };
    } catch {
      // A failed refresh (revoked or expired refresh token) is "signed out", not a crash.
      return null;
    }
  },
};

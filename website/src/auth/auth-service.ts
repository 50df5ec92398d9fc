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
  signOut,
  signUp,
} from 'aws-amplify/auth';
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
    await signOut();
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
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      if (!email) {
        // Pools without an email claim in the ID token still know the sign-in name.
        email = (await getCurrentUser().catch(() => undefined))?.signInDetails?.loginId;
      }
      return {
        idToken: idToken.toString(),
        claims,
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

/**
 * Renders pages inside the real providers with a fake AuthService, so form tests
 * exercise the pages' behaviour without Amplify or a network.
 */
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { App } from '../App';
import type { AuthService, SessionTokens } from '../auth/auth-service';
import { parseConfig, type SiteConfig } from '../config/config';

export const testConfig: SiteConfig = parseConfig({
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbC123xyz',
  userPoolClientId: 'client123',
  identityPoolId: 'us-east-1:0f0e0d0c-0000-4000-8000-000000000001',
  apiUrl: 'http://127.0.0.1:4010/prod/',
  authMode: 'cognito',
  mailboxUrl: 'http://127.0.0.1:4020/_local/mailbox',
  tileUrl: '',
});

export const tokens: SessionTokens = {
  idToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
  claims: { sub: 'sub-1', email: 'rider@example.com', token_use: 'id' },
  email: 'rider@example.com',
  accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIiwidG9rZW5fdXNlIjoiYWNjZXNzIn0.sig',
  accessScopes: ['aws.cognito.signin.user.admin'],
  flow: 'srp',
  hasAwsCredentials: false,
};

export function fakeAuth(overrides: Partial<AuthService> = {}): AuthService {
  return {
    register: vi.fn(async () => ({ needsVerification: true, destination: 'r***@e***' })),
    confirmRegistration: vi.fn(async () => undefined),
    resendCode: vi.fn(async () => ({ destination: 'r***@e***' })),
    signIn: vi.fn(async () => ({ kind: 'signedIn' as const })),
    completeNewPassword: vi.fn(async () => ({ kind: 'signedIn' as const })),
    signOut: vi.fn(async () => undefined),
    signInWithHostedUi: vi.fn(async () => undefined),
    completeHostedUiSignIn: vi.fn(async () => undefined),
    forgotPassword: vi.fn(async () => ({ destination: 'r***@e***' })),
    confirmForgotPassword: vi.fn(async () => undefined),
    currentSession: vi.fn(async () => null),
    ...overrides,
  };
}

/** Renders the whole app at `path` (the router reads window.location). */
export function renderAt(path: string, auth: AuthService, config: SiteConfig = testConfig) {
  window.history.replaceState(null, '', path);
  return render(<App config={config} auth={auth} />);
}

export const cognitoError = (name: string, message = 'from Cognito') => Object.assign(new Error(message), { name });

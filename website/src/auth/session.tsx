/**
 * Who is signed in, for the whole app. Checked once at start, then kept current by
 * Amplify's Hub events (sign-in, sign-out, a refresh that failed because the refresh
 * token was revoked or expired), so an ended session shows as "signed out" instead
 * of leaving a page that fails on every click.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthService } from './auth-service';

export type SessionStatus = 'checking' | 'signedIn' | 'signedOut';

export interface SessionValue {
  status: SessionStatus;
  email: string | undefined;
  /** Why the rider was signed out, when it was not their own doing. */
  endedReason: 'expired' | undefined;
  /** Re-reads the session (after sign-in, or when a request finds it gone). */
  refresh: () => Promise<void>;
  /** Marks the session as ended by the system (revoked/expired), not by the rider. */
  markExpired: () => void;
  auth: AuthService;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Something that calls back on auth events; Amplify's Hub in the app, nothing in tests. */
export type AuthEventSource = (listener: (event: string) => void) => () => void;

export function SessionProvider({ auth, events, children }: { auth: AuthService; events?: AuthEventSource; children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('checking');
  const [email, setEmail] = useState<string | undefined>(undefined);
  const [endedReason, setEndedReason] = useState<'expired' | undefined>(undefined);

  const refresh = useCallback(async () => {
    const session = await auth.currentSession();
    if (session) {
      setEmail(session.email);
      setStatus('signedIn');
      setEndedReason(undefined);
    } else {
      setEmail(undefined);
      setStatus('signedOut');
    }
  }, [auth]);

  const markExpired = useCallback(() => {
    setEndedReason('expired');
    setEmail(undefined);
    setStatus('signedOut');
  }, []);

  // Amplify's Hub only hears this tab. A sign-in or sign-out in another tab shows up
  // here as the storage event on Amplify's token keys (Amplify v6 keeps the Cognito
  // tokens in localStorage under "CognitoIdentityServiceProvider.<client id>.…"; the
  // event fires in every tab but the one that wrote). key null: storage was cleared.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key.startsWith('CognitoIdentityServiceProvider.')) void refresh();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [refresh]);

  useEffect(() => {
    void refresh();
    if (!events) return;
    return events((event) => {
      if (event === 'tokenRefresh_failure') markExpired();
      else if (event === 'signedOut') {
        setEmail(undefined);
        setStatus('signedOut');
      } else if (event === 'signedIn' || event === 'tokenRefresh') void refresh();
    });
  }, [events, refresh, markExpired]);

  const value = useMemo(
    () => ({ status, email, endedReason, refresh, markExpired, auth }),
    [status, email, endedReason, refresh, markExpired, auth],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

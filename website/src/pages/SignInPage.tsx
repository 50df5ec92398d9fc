import { useEffect, useState, type FormEvent } from 'react';
import { describeAuthError, type AuthErrorMessage } from '../auth/auth-errors';
import type { SignInOutcome } from '../auth/auth-service';
import { describeUnmetRules } from '../auth/password-rules';
import { useSession } from '../auth/session';
import { AuthRemedyLink } from '../components/AuthRemedy';
import { Field } from '../components/Field';
import { PasswordField } from '../components/PasswordField';
import { Status } from '../components/Status';
import { useConfig } from '../config/config-context';
import { Link, safeNextPath, useLocation, useNavigate } from '../router/router';

const NOTICES: Record<string, string> = {
  verified: 'Your email is verified. Sign in to ride.',
  reset: 'Your password has been changed. Sign in with the new one.',
  expired: 'Your session has ended. Please sign in again.',
  signin: 'Please sign in to request a unicorn.',
};

export default function SignInPage() {
  const session = useSession();
  const config = useConfig();
  const navigate = useNavigate();
  const { query } = useLocation();
  const next = safeNextPath(query.get('next'));
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [step, setStep] = useState<'credentials' | 'newPassword'>('credentials');
  const [error, setError] = useState<AuthErrorMessage | null>(null);
  const [unverified, setUnverified] = useState(false);
  const [busy, setBusy] = useState(false);
  const noticeKey = query.get('notice') ?? (session.endedReason === 'expired' ? 'expired' : null);
  // A notice from the page before ("Your email is verified") gives way to this page's own error.
  const notice = noticeKey && !error ? NOTICES[noticeKey] : undefined;

  // `/signin?hostedUi=1` (the link npm start prints) goes straight on to the hosted UI.
  const startHostedUi = query.get('hostedUi') === '1' && Boolean(config.hostedUiUrl) && session.status === 'signedOut';
  useEffect(() => {
    if (startHostedUi) void session.auth.signInWithHostedUi();
  }, [startHostedUi, session.auth]);

  // Already signed in (say, the back button): carry on to where the rider was going.
  useEffect(() => {
    if (session.status === 'signedIn' && !busy) navigate(next, { replace: true });
  }, [session.status, busy, next, navigate]);

  async function finish(outcome: SignInOutcome) {
    switch (outcome.kind) {
      case 'signedIn':
        await session.refresh();
        navigate(next, { replace: true });
        return;
      case 'needsVerification':
        setUnverified(true);
        setError({ message: 'This account is not verified yet. Enter the code we emailed you.' });
        break;
      case 'needsPasswordReset':
        setError({ message: 'You need to choose a new password before signing in.', remedy: 'forgotPassword' });
        break;
      case 'needsNewPassword':
        setStep('newPassword');
        break;
      case 'unsupported':
        setError({ message: `This account needs a sign-in step this site does not support (${outcome.step}).` });
        break;
    }
    setBusy(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setUnverified(false);
    if (!email.trim() || !password) {
      setError({ message: 'Enter your email and password.' });
      return;
    }
    setBusy(true);
    try {
      await finish(await session.auth.signIn(email.trim(), password));
    } catch (e) {
      const described = describeAuthError(e, 'signIn');
      setUnverified(described.remedy === 'verify');
      setError(described);
      setBusy(false);
    }
  }

  async function submitNewPassword(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const unmet = describeUnmetRules(newPassword);
    if (unmet) {
      setError({ message: unmet });
      return;
    }
    setBusy(true);
    try {
      await finish(await session.auth.completeNewPassword(newPassword));
    } catch (e) {
      setError(describeAuthError(e, 'signIn'));
      setBusy(false);
    }
  }

  // Not verified: send a fresh code (the first may have expired) and go to the code form.
  async function verifyNow() {
    try {
      await session.auth.resendCode(email.trim());
      navigate(`/verify?email=${encodeURIComponent(email.trim())}&sent=1`);
    } catch (e) {
      setError(describeAuthError(e, 'resendCode'));
    }
  }

  if (step === 'newPassword') {
    return (
      <div className="card">
        <h1 tabIndex={-1}>Choose a new password</h1>
        <p>Your account was created for you. Choose your own password to finish signing in.</p>
        <form onSubmit={submitNewPassword} noValidate>
          <PasswordField label="New password" value={newPassword} onChange={setNewPassword} showRules autoComplete="new-password" />
          <Status tone="error" focusKey={error}>{error?.message}</Status>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Saving…' : 'Save and sign in'}
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className="card">
      <h1 tabIndex={-1}>Sign in</h1>
      <Status tone="info">{notice}</Status>
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField label="Password" value={password} onChange={setPassword} autoComplete="current-password" />
        <Status tone="error" focusKey={error}>
          {error && (
            <>
              {error.message} {!unverified && <AuthRemedyLink remedy={error.remedy} email={email.trim()} />}
            </>
          )}
        </Status>
        {unverified && (
          <p>
            <button type="button" className="button button--secondary" onClick={verifyNow}>
              Send a code and verify
            </button>
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {config.hostedUiUrl && (
        <div className="hosted-ui">
          <p>Or sign in on Cognito's own pages (OAuth 2.0 authorization code with PKCE):</p>
          <button type="button" className="button button--secondary" onClick={() => void session.auth.signInWithHostedUi()}>
            Sign in with the hosted UI
          </button>
        </div>
      )}
      <p className="aside-links">
        <Link to={`/forgot${email.trim() ? `?email=${encodeURIComponent(email.trim())}` : ''}`}>Forgot your password?</Link> · New here?{' '}
        <Link to="/register">Sign up</Link>
      </p>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { describeAuthError, type AuthErrorMessage } from '../auth/auth-errors';
import { emailProblem } from '../auth/form-input';
import { describeUnmetRules } from '../auth/password-rules';
import { useSession } from '../auth/session';
import { AuthRemedyLink } from '../components/AuthRemedy';
import { Field } from '../components/Field';
import { MailboxHint } from '../components/MailboxHint';
import { PasswordField } from '../components/PasswordField';
import { Status } from '../components/Status';
import { Link, useLocation, useNavigate } from '../router/router';

export default function ForgotPasswordPage() {
  const { auth } = useSession();
  const navigate = useNavigate();
  const { query } = useLocation();
  const [step, setStep] = useState<'request' | 'confirm'>('request');
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<AuthErrorMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function sendCode(event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    const badEmail = emailProblem(email);
    if (badEmail) {
      setError({ message: badEmail });
      return;
    }
    setBusy(true);
    try {
      const { destination } = await auth.forgotPassword(email.trim());
      setInfo(`We sent a reset code${destination ? ` to ${destination}` : ''}.`);
      setStep('confirm');
    } catch (e) {
      setError(describeAuthError(e, 'forgotPassword'));
    }
    setBusy(false);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const unmet = describeUnmetRules(password);
    setPasswordError(unmet);
    if (unmet) return;
    if (!code.trim()) {
      setError({ message: 'Enter the code from the email.' });
      return;
    }
    setBusy(true);
    try {
      await auth.confirmForgotPassword(email.trim(), code, password);
      navigate(`/signin?email=${encodeURIComponent(email.trim())}&notice=reset`);
    } catch (e) {
      setError(describeAuthError(e, 'confirmForgotPassword'));
      setBusy(false);
    }
  }

  const errorBox = (
    <Status tone="error" focusKey={error}>
      {error && (
        <>
          {/* The confirm step has its own "Send a new code" button: no second one in the message. */}
          {error.message} <AuthRemedyLink remedy={error.remedy} email={email.trim()} {...(step === 'request' ? { onResend: () => void sendCode() } : {})} />
        </>
      )}
    </Status>
  );

  return (
    <div className="card">
      <h1 tabIndex={-1}>Reset your password</h1>
      {/* Outside the two steps, so it is the same region before and after the code is sent and takes focus then. */}
      <Status tone="info" focusKey={info}>
        {info}
      </Status>
      {step === 'request' ? (
        <form onSubmit={sendCode} noValidate>
          <p>We will email you a code to choose a new password.</p>
          <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          {errorBox}
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Sending…' : 'Send reset code'}
          </button>
        </form>
      ) : (
        <form onSubmit={confirm} noValidate>
          <Field label="Reset code" name="code" inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} />
          <PasswordField label="New password" value={password} onChange={setPassword} showRules autoComplete="new-password" error={passwordError} />
          {errorBox}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
              {busy ? 'Saving…' : 'Set new password'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => void sendCode()}>
              Send a new code
            </button>
          </div>
        </form>
      )}
      <MailboxHint />
      <p className="aside-links">
        <Link to="/signin">Back to sign in</Link>
      </p>
    </div>
  );
}

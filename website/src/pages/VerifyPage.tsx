import { useState, type FormEvent } from 'react';
import { describeAuthError, type AuthErrorMessage } from '../auth/auth-errors';
import { useSession } from '../auth/session';
import { AuthRemedyLink } from '../components/AuthRemedy';
import { Field } from '../components/Field';
import { MailboxHint } from '../components/MailboxHint';
import { Status } from '../components/Status';
import { useLocation, useNavigate } from '../router/router';

export default function VerifyPage() {
  const { auth } = useSession();
  const navigate = useNavigate();
  const { query } = useLocation();
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [code, setCode] = useState('');
  const [error, setError] = useState<AuthErrorMessage | null>(null);
  const [info, setInfo] = useState<string | null>(query.get('sent') ? 'We emailed you a verification code.' : null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setInfo(null);
    if (!email.trim() || !code.trim()) {
      setError({ message: 'Enter your email and the code from the email.' });
      return;
    }
    setBusy(true);
    try {
      await auth.confirmRegistration(email.trim(), code);
      navigate(`/signin?email=${encodeURIComponent(email.trim())}&notice=verified`);
    } catch (e) {
      setError(describeAuthError(e, 'confirmSignUp'));
      setBusy(false);
    }
  }

  async function resend() {
    setError(null);
    setInfo(null);
    if (!email.trim()) {
      setError({ message: 'Enter your email first, so we know where to send the code.' });
      return;
    }
    try {
      const { destination } = await auth.resendCode(email.trim());
      setInfo(`A new code is on its way${destination ? ` to ${destination}` : ''}.`);
    } catch (e) {
      setError(describeAuthError(e, 'resendCode'));
    }
  }

  return (
    <div className="card">
      <h1 tabIndex={-1}>Verify your email</h1>
      <p>Enter the code we sent to your email address.</p>
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field
          label="Verification code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <Status tone="info" focusKey={info}>{info}</Status>
        <Status tone="error" focusKey={error}>
          {error && (
            <>
              {/* No onResend: the "Send a new code" button below is always there; one way is enough. */}
              {error.message} <AuthRemedyLink remedy={error.remedy} email={email.trim()} />
            </>
          )}
        </Status>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Verifying…' : 'Verify'}
          </button>
          <button type="button" className="button button--secondary" onClick={resend}>
            Send a new code
          </button>
        </div>
      </form>
      <MailboxHint />
    </div>
  );
}

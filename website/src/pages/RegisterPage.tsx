import { useState, type FormEvent } from 'react';
import { describeAuthError, type AuthErrorMessage } from '../auth/auth-errors';
import { describeUnmetRules } from '../auth/password-rules';
import { useSession } from '../auth/session';
import { AuthRemedyLink } from '../components/AuthRemedy';
import { Field } from '../components/Field';
import { MailboxHint } from '../components/MailboxHint';
import { PasswordField } from '../components/PasswordField';
import { Status } from '../components/Status';
import { Link, useNavigate } from '../router/router';

export default function RegisterPage() {
  const { auth } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<AuthErrorMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    // The pool would refuse it anyway; saying which rule is unmet is kinder than a round trip.
    const unmet = describeUnmetRules(password);
    setPasswordError(unmet);
    if (unmet) return;
    setBusy(true);
    try {
      const result = await auth.register(email.trim(), password);
      const q = `?email=${encodeURIComponent(email.trim())}`;
      navigate(result.needsVerification ? `/verify${q}&sent=1` : `/signin${q}`);
    } catch (e) {
      setError(describeAuthError(e, 'signUp'));
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h1 tabIndex={-1}>Sign up to ride</h1>
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField label="Password" value={password} onChange={setPassword} showRules autoComplete="new-password" error={passwordError} />
        <Status tone="error">
          {error && (
            <>
              {error.message} <AuthRemedyLink remedy={error.remedy} email={email.trim()} />
            </>
          )}
        </Status>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <MailboxHint />
      <p className="aside-links">
        Already riding? <Link to="/signin">Sign in</Link> · Have a code? <Link to="/verify">Verify your account</Link>
      </p>
    </div>
  );
}

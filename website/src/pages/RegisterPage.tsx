import { useRef, useState, type FormEvent } from 'react';
import { describeAuthError, type AuthErrorMessage } from '../auth/auth-errors';
import { emailProblem } from '../auth/form-input';
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
  const [emailError, setEmailError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<AuthErrorMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    // The pool would refuse either anyway; saying what is wrong, at the field, is kinder
    // than a round trip. Focus goes to the first refused field, whose error is read with it.
    const badEmail = emailProblem(email);
    const unmet = describeUnmetRules(password);
    setEmailError(badEmail);
    setPasswordError(unmet);
    if (badEmail) emailRef.current?.focus();
    else if (unmet) passwordRef.current?.focus();
    if (badEmail || unmet) return;
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
        <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} ref={emailRef} error={emailError} />
        <PasswordField label="Password" value={password} onChange={setPassword} showRules autoComplete="new-password" error={passwordError} inputRef={passwordRef} />
        <Status tone="error" focusKey={error}>
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

import type { AuthRemedy as Remedy } from '../auth/auth-errors';
import { Link } from '../router/router';

const q = (email: string) => (email ? `?email=${encodeURIComponent(email)}` : '');

/** The follow-up an auth error suggests, as a link to the page that does it. */
export function AuthRemedyLink({ remedy, email, onResend }: { remedy: Remedy | undefined; email: string; onResend?: () => void }) {
  switch (remedy) {
    case 'verify':
      return <Link to={`/verify${q(email)}`}>Verify your account</Link>;
    case 'signIn':
      return <Link to={`/signin${q(email)}`}>Go to sign in</Link>;
    case 'forgotPassword':
      return <Link to={`/forgot${q(email)}`}>Forgot your password?</Link>;
    case 'register':
      return <Link to="/register">Create an account</Link>;
    case 'resendCode':
      return onResend ? (
        <button type="button" className="button button--link" onClick={onResend}>
          Send a new code
        </button>
      ) : null;
    default:
      return null;
  }
}

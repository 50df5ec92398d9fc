import { useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { Status } from '../components/Status';
import { Link, useLocation, useNavigate } from '../router/router';

/** How long to wait for Amplify's code exchange before saying it did not come back. */
const EXCHANGE_TIMEOUT_MS = 15_000;

/**
 * Where the hosted UI sends the rider back (`redirectSignIn`): `?code=…&state=…`, or
 * `?error=…` when Cognito refused. Amplify checks the state and exchanges the code,
 * with its PKCE verifier, at the domain's /oauth2/token; this page waits for that
 * and carries on to the ride page.
 */
export default function OAuthCallbackPage() {
  const session = useSession();
  const navigate = useNavigate();
  const { query } = useLocation();
  const refused = query.get('error');
  const code = query.get('code');
  const [error, setError] = useState<string | null>(
    refused
      ? `The hosted UI answered ${refused}: ${query.get('error_description') ?? ''}`
      : code
        ? null
        : 'There is no sign-in to finish here: this page is where the hosted UI sends you back with a code.',
  );

  // Once per visit: a second exchange of the single-use code would only fail.
  const started = useRef(false);
  useEffect(() => {
    if (refused || !code || started.current) return;
    started.current = true;
    let done = false;
    const timer = setTimeout(() => !done && setError('The sign-in did not complete. Please try again.'), EXCHANGE_TIMEOUT_MS);
    session.auth
      .completeHostedUiSignIn()
      .then(async () => {
        done = true;
        await session.refresh();
        navigate('/ride', { replace: true });
      })
      .catch((e: unknown) => {
        done = true;
        setError(`The sign-in did not complete: ${e instanceof Error ? e.message : String(e)}`);
      });
    return () => clearTimeout(timer);
  }, [refused, code, session.auth, session.refresh, navigate]);

  return (
    <div className="card">
      <h1 tabIndex={-1}>Signing you in…</h1>
      {error ? (
        <>
          <Status tone="error">{error}</Status>
          <p>
            <Link to="/signin">Back to sign in</Link>
          </p>
        </>
      ) : (
        <p role="status">Finishing the sign-in from the hosted UI.</p>
      )}
    </div>
  );
}

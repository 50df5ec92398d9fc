/**
 * The app shell: providers, header, the route switch, and focus handling after
 * navigation. Pages are chosen by path; the ride page is code-split.
 */
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { AuthService } from './auth/auth-service';
import { SessionProvider, useSession, type AuthEventSource } from './auth/session';
import type { SiteConfig } from './config/config';
import { ConfigContext } from './config/config-context';
import ForgotPasswordPage from './pages/ForgotPasswordPage';
import LandingPage from './pages/LandingPage';
import NotFoundPage from './pages/NotFoundPage';
import RegisterPage from './pages/RegisterPage';
import SignInPage from './pages/SignInPage';
import VerifyPage from './pages/VerifyPage';
import unicornUrl from './map/unicorn.svg';
import { Link, RouterProvider, useLocation, useNavigate } from './router/router';

const RidePage = lazy(() => import('./pages/RidePage'));

function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {what}
    </p>
  );
}

/** Only signed-in riders see the ride page; others go to sign-in and come back after. */
function RequireSignIn({ children }: { children: ReactNode }) {
  const { status, endedReason } = useSession();
  const { path } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (status === 'signedOut') {
      navigate(`/signin?next=${encodeURIComponent(path)}&notice=${endedReason === 'expired' ? 'expired' : 'signin'}`, { replace: true });
    }
  }, [status, endedReason, path, navigate]);
  if (status !== 'signedIn') return <Loading what="Checking your session…" />;
  return <>{children}</>;
}

function Routes() {
  const { path } = useLocation();
  switch (path.replace(/\/+$/, '') || '/') {
    case '/':
      return <LandingPage />;
    case '/register':
      return <RegisterPage />;
    case '/verify':
      return <VerifyPage />;
    case '/signin':
      return <SignInPage />;
    case '/forgot':
      return <ForgotPasswordPage />;
    case '/ride':
      return (
        <RequireSignIn>
          <Suspense fallback={<Loading what="Saddling up the map…" />}>
            <RidePage />
          </Suspense>
        </RequireSignIn>
      );
    default:
      return <NotFoundPage />;
  }
}

function Header() {
  const { status, email, auth, refresh } = useSession();
  const navigate = useNavigate();
  async function signOut() {
    await auth.signOut().catch(() => undefined);
    await refresh();
    navigate('/');
  }
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        <img src={unicornUrl} alt="" width="32" height="32" /> Wild Rydes
      </Link>
      <nav aria-label="Main">
        {status === 'signedIn' ? (
          <ul>
            <li>
              <Link to="/ride">Ride</Link>
            </li>
            <li className="site-header__user" title={email}>
              {email}
            </li>
            <li>
              <button type="button" className="button button--quiet" onClick={() => void signOut()}>
                Sign out
              </button>
            </li>
          </ul>
        ) : (
          <ul>
            <li>
              <Link to="/signin">Sign in</Link>
            </li>
            <li>
              <Link to="/register">Sign up</Link>
            </li>
          </ul>
        )}
      </nav>
    </header>
  );
}

function Shell() {
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // After an in-app navigation, move focus to the new page's heading (or main), as a
  // full page load would; not on first load, where focus belongs at the top.
  useEffect(() => {
    if (location.key === 0) return;
    const frame = requestAnimationFrame(() => {
      const target = mainRef.current?.querySelector<HTMLElement>('h1') ?? mainRef.current;
      target?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [location.key]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} className={location.path === '/ride' ? 'main main--wide' : 'main'}>
        <Routes />
      </main>
    </>
  );
}

export function App({ config, auth, events }: { config: SiteConfig; auth: AuthService; events?: AuthEventSource }) {
  return (
    <ConfigContext.Provider value={config}>
      <SessionProvider auth={auth} {...(events ? { events } : {})}>
        <RouterProvider>
          <Shell />
        </RouterProvider>
      </SessionProvider>
    </ConfigContext.Provider>
  );
}

/**
 * The app shell: providers, header, the page of the route table (routes.ts) with its
 * sign-in rule, layout and title, and focus handling after navigation.
 */
import { Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { AuthService } from './auth/auth-service';
import { SessionProvider, useSession, type AuthEventSource } from './auth/session';
import type { SiteConfig } from './config/config';
import { ConfigContext } from './config/config-context';
import { usePageTitle } from './components/usePageTitle';
import unicornUrl from './map/unicorn.svg';
import { PAGES } from './pages';
import { forgetRide } from './ride/ride-store';
import { Link, RouterProvider, useLocation, useNavigate } from './router/router';
import { routeFor, type KnownRoute } from './routes';

function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {what}
    </p>
  );
}

/** Only signed-in riders see a page marked `signIn` in the route table; others go to sign-in and come back after. */
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

/** The route's page: behind sign-in if the table says so, with a loading line while its code arrives if it is code-split. */
function RoutePage({ route }: { route: KnownRoute }) {
  const { Component, loading } = PAGES[route.page];
  const page =
    loading === undefined ? (
      <Component />
    ) : (
      <Suspense fallback={<Loading what={loading} />}>
        <Component />
      </Suspense>
    );
  return route.signIn ? <RequireSignIn>{page}</RequireSignIn> : page;
}

function Header() {
  const { status, email, auth, refresh } = useSession();
  const navigate = useNavigate();
  async function signOut() {
    // A ride in progress belongs to this session: the next rider on this browser must not inherit it.
    if (email) forgetRide(email);
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
            <li>
              <Link to="/profile">Profile</Link>
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
  const route = routeFor(location.path);
  usePageTitle(route.title);
  const mainRef = useRef<HTMLElement>(null);
  // After an in-app navigation, move focus to the new page's heading, as a full page
  // load would; not on first load, where focus belongs at the top. A code-split page
  // (the ride page) or one behind the session check has no h1 yet: focus <main> for
  // now and hand focus to the h1 when it appears, unless the rider has moved on.
  useEffect(() => {
    if (location.key === 0) return;
    const main = mainRef.current;
    if (!main) return;
    let observer: MutationObserver | undefined;
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const focusHeading = () => {
      const h1 = main.querySelector<HTMLElement>('h1');
      if (!h1) return false;
      const active = document.activeElement;
      if (active === null || active === document.body || active === main) h1.focus();
      return true;
    };
    const frame = requestAnimationFrame(() => {
      main.focus();
      if (focusHeading()) return;
      observer = new MutationObserver(() => {
        if (focusHeading()) observer?.disconnect();
      });
      observer.observe(main, { childList: true, subtree: true });
      giveUp = setTimeout(() => observer?.disconnect(), 15_000);
    });
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
      clearTimeout(giveUp);
    };
  }, [location.key]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} className={route.layout === 'wide' ? 'main main--wide' : 'main'}>
        <RoutePage route={route} />
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

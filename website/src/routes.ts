/**
 * The site's one route table. The app shell renders from it (App.tsx: which page,
 * whether sign-in is needed, the layout, the tab title), and the build copies
 * index.html to each path so deep links and reloads work on any static host
 * (vite.config.ts). Plain data with no imports, so the build config can read it.
 *
 * A new page: its component in pages/, one row here, and its entry in
 * pages/index.ts (the compiler asks for it).
 */

/** `narrow`: a reading column; `wide`: the whole width (the ride page's map). */
export type Layout = 'narrow' | 'wide';

export interface Route {
  /** Absolute, without a trailing slash (`/` is the landing page). */
  readonly path: `/${string}`;
  /** The page that renders it: a key of `PAGES` in pages/index.ts. */
  readonly page: string;
  /** The tab title, before " · Wild Rydes". */
  readonly title: string;
  /** Signed-out riders are sent to sign-in, and brought back after. */
  readonly signIn: boolean;
  readonly layout: Layout;
}

export const ROUTES = [
  { path: '/', page: 'landing', title: 'Unicorns on demand', signIn: false, layout: 'narrow' },
  { path: '/register', page: 'register', title: 'Sign up', signIn: false, layout: 'narrow' },
  { path: '/verify', page: 'verify', title: 'Verify your email', signIn: false, layout: 'narrow' },
  { path: '/signin', page: 'signIn', title: 'Sign in', signIn: false, layout: 'narrow' },
  { path: '/forgot', page: 'forgotPassword', title: 'Reset your password', signIn: false, layout: 'narrow' },
  { path: '/auth/callback', page: 'oauthCallback', title: 'Signing in', signIn: false, layout: 'narrow' },
  { path: '/ride', page: 'ride', title: 'Request a unicorn', signIn: true, layout: 'wide' },
  { path: '/rides', page: 'myRides', title: 'My rides', signIn: true, layout: 'narrow' },
  { path: '/dispatch', page: 'allRides', title: 'All rides', signIn: true, layout: 'narrow' },
  { path: '/profile', page: 'profile', title: 'Your profile', signIn: true, layout: 'narrow' },
] as const satisfies readonly Route[];

/** What any other path shows. */
export const NOT_FOUND = { path: '/404', page: 'notFound', title: 'Not found', signIn: false, layout: 'narrow' } as const satisfies Route;

export type PageName = (typeof ROUTES)[number]['page'] | (typeof NOT_FOUND)['page'];
export type KnownRoute = (typeof ROUTES)[number] | typeof NOT_FOUND;

/** The route of a location's path; trailing slashes do not matter (`/ride/` is `/ride`). */
export function routeFor(path: string): KnownRoute {
  const normalized = path.replace(/\/+$/, '') || '/';
  return ROUTES.find((route) => route.path === normalized) ?? NOT_FOUND;
}

/** The folders the build gives a copy of index.html: every route but `/`, which is index.html itself. */
export function deepLinkFolders(): string[] {
  return ROUTES.filter((route) => route.path !== '/').map((route) => route.path.slice(1));
}

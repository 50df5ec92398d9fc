/**
 * The component of each page named in the route table (routes.ts). The type asks for
 * exactly one entry per page name there, so a row added to the table does not
 * compile until its page is listed here.
 */
import { lazy, type ComponentType } from 'react';
import type { PageName } from '../routes';
import ForgotPasswordPage from './ForgotPasswordPage';
import LandingPage from './LandingPage';
import NotFoundPage from './NotFoundPage';
import OAuthCallbackPage from './OAuthCallbackPage';
import RegisterPage from './RegisterPage';
import SignInPage from './SignInPage';
import VerifyPage from './VerifyPage';

export interface PageEntry {
  readonly Component: ComponentType;
  /** Shown while a code-split page's code loads. */
  readonly loading?: string;
}

export const PAGES: { readonly [P in PageName]: PageEntry } = {
  landing: { Component: LandingPage },
  register: { Component: RegisterPage },
  verify: { Component: VerifyPage },
  signIn: { Component: SignInPage },
  forgotPassword: { Component: ForgotPasswordPage },
  oauthCallback: { Component: OAuthCallbackPage },
  // Code-split: it brings Leaflet and the REST client, so the other pages stay light.
  ride: { Component: lazy(() => import('./RidePage')), loading: 'Saddling up the map…' },
  // Code-split: it brings Amplify Storage.
  profile: { Component: lazy(() => import('./ProfilePage')), loading: 'Opening your profile…' },
  notFound: { Component: NotFoundPage },
  // Code-split like the ride page: they bring the REST client.
  myRides: { Component: lazy(() => import('./MyRidesPage')), loading: 'Fetching your rides…' },
  allRides: { Component: lazy(() => import('./AllRidesPage')), loading: 'Fetching every ride…' },
};

/**
 * The hosted UI from the website's side: Amplify v6's `signInWithRedirect` with the
 * authorization code grant and PKCE, and the settings it needs.
 *
 * Amplify builds every hosted-UI URL as `https://<domain>/…` (signInWithRedirect,
 * the token exchange, the sign-out redirect). The local cloud's Cognito speaks plain
 * http on 127.0.0.1, so with an http `hostedUiUrl` (local only: a deployed domain is
 * always https) the URLs are taken back to http here: the sign-in redirect through
 * Amplify's own `authSessionOpener` option, the token exchange through a fetch that
 * rewrites exactly that origin.
 */
import { CLIENT_SCOPES } from '../../../lib/oauth-scopes';
import type { SiteConfig } from '../config/config';

/** `loginWith.oauth` for Amplify, or nothing when config.json names no hosted UI. */
export function oauthConfig(config: SiteConfig) {
  if (!config.hostedUiUrl || !config.redirectSignIn || !config.redirectSignOut) return undefined;
  return {
    domain: new URL(config.hostedUiUrl).host,
    scopes: [...CLIENT_SCOPES],
    redirectSignIn: [config.redirectSignIn],
    redirectSignOut: [config.redirectSignOut],
    responseType: 'code' as const,
  };
}

/** An Amplify-built `https://<domain>/…` URL, with the scheme config.json gives the domain. */
export function toHostedUiScheme(config: SiteConfig, url: string): string {
  if (!config.hostedUiUrl?.startsWith('http://')) return url;
  const secure = `https://${new URL(config.hostedUiUrl).host}/`;
  return url.startsWith(secure) ? `http://${url.slice('https://'.length)}` : url;
}

let fetchAdapted = false;
/** Local cloud only: the token exchange Amplify sends to `https://<local Cognito>/oauth2/token` goes to its http origin. */
export function adaptFetchToLocalHostedUi(config: SiteConfig): void {
  if (fetchAdapted || !config.hostedUiUrl?.startsWith('http://') || typeof window === 'undefined') return;
  fetchAdapted = true;
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const local = toHostedUiScheme(config, url);
    if (local === url) return original(input, init);
    return original(input instanceof Request ? new Request(local, input) : local, init);
  };
}

/** The hosted UI's sign-out (`/logout`), built with the domain's real scheme. */
export function logoutUrl(config: SiteConfig): string | undefined {
  if (!config.hostedUiUrl || !config.redirectSignOut) return undefined;
  return `${config.hostedUiUrl}/logout?client_id=${encodeURIComponent(config.userPoolClientId)}&logout_uri=${encodeURIComponent(config.redirectSignOut)}`;
}

/** Which sign-in produced a session, read from its access token: the token endpoint grants OAuth scopes (openid…), the user-pool API (SRP) only aws.cognito.signin.user.admin. */
export function sessionFlow(accessScopes: readonly string[]): 'hostedUi' | 'srp' {
  return accessScopes.includes('openid') ? 'hostedUi' : 'srp';
}

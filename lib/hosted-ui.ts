import { Aws, Fn } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CALLBACK_PATH, RESERVED_PREFIX_WORDS, RIDER_TOOL_CALLBACK_URL, SIGN_OUT_PATH, type HostedUiConfig } from './hosted-ui-config.js';
import { OIDC_SCOPES, RESOURCE_SERVER_ID, RESOURCE_SERVER_SCOPES } from './oauth-scopes.js';

/**
 * The local website (`npm start`) on its default port. Cognito accepts plain http
 * only for `localhost`, so the deployed client names that host; the local cloud
 * maps the template's website URL to wherever its website listens.
 */
export const LOCAL_WEBSITE_ORIGIN = 'http://localhost:3000';

/**
 * The default domain prefix: the stack's name, lower-cased and cut down to
 * Cognito's alphabet, then the account id. A prefix is unique per region across
 * ALL accounts, so the account keeps two attendees (even with the same stack
 * name) apart, and the stack name keeps two stacks of one account apart. The
 * account is a deploy-time value: synthesis stays offline and deterministic.
 */
export function defaultDomainPrefix(stackName: string): string {
  let name = stackName.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  for (const word of RESERVED_PREFIX_WORDS) name = name.split(word).join('');
  // 63 at most: the name, a hyphen and the 12 digits of the account.
  name = name.replace(/-+/g, '-').slice(0, 63 - 13).replace(/^-+|-+$/g, '');
  return Fn.join('-', [name || 'wildrydes', Aws.ACCOUNT_ID]);
}

/** The API's resource server: scopes `wildrydes/rides.read` and `wildrydes/rides.write`. */
export function addRidesResourceServer(userPool: cognito.UserPool): { server: cognito.UserPoolResourceServer; scopes: cognito.OAuthScope[] } {
  const scopes = RESOURCE_SERVER_SCOPES.map((s) => new cognito.ResourceServerScope({ scopeName: s.name, scopeDescription: s.description }));
  const server = userPool.addResourceServer('RidesResourceServer', {
    identifier: RESOURCE_SERVER_ID,
    userPoolResourceServerName: 'Wild Rydes API',
    scopes,
  });
  return { server, scopes: scopes.map((scope) => cognito.OAuthScope.resourceServer(server, scope)) };
}

/**
 * The app client's OAuth settings: the authorization code grant (Amplify's
 * signInWithRedirect sends PKCE, which Cognito then requires for the code), the
 * implicit grant only when asked for, the OIDC scopes and the API's. The
 * website's own URLs are added once it exists (Identity.allowRedirectsTo).
 */
export function oauthSettings(config: HostedUiConfig, apiScopes: cognito.OAuthScope[]): cognito.OAuthSettings {
  const oidc: Record<(typeof OIDC_SCOPES)[number], cognito.OAuthScope> = {
    openid: cognito.OAuthScope.OPENID,
    email: cognito.OAuthScope.EMAIL,
    profile: cognito.OAuthScope.PROFILE,
  };
  return {
    flows: { authorizationCodeGrant: true, implicitCodeGrant: config.implicitGrant },
    scopes: [...OIDC_SCOPES.map((s) => oidc[s]), ...apiScopes],
    // The rider CLI's loopback address too: its sign-in through the hosted UI gets the scoped access token.
    callbackUrls: [`${LOCAL_WEBSITE_ORIGIN}${CALLBACK_PATH}`, RIDER_TOOL_CALLBACK_URL, ...config.extraCallbackUrls],
    logoutUrls: [`${LOCAL_WEBSITE_ORIGIN}${SIGN_OUT_PATH}`, ...config.extraCallbackUrls],
  };
}

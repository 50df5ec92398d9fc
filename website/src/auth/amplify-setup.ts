/**
 * Amplify v6 configuration built from config.json. Kept pure (buildAmplifyConfig) so
 * the mapping can be tested without touching Amplify's singleton.
 */
import { Amplify, type ResourcesConfig } from 'aws-amplify';
import type { SiteConfig } from '../config/config';
import { adaptFetchToLocalHostedUi, oauthConfig } from './hosted-ui';

/** The REST API's name inside Amplify; the workshop used the same name. */
export const API_NAME = 'WildRydesAPI';

export function buildAmplifyConfig(config: SiteConfig): ResourcesConfig {
  const oauth = oauthConfig(config);
  const userPool = {
    userPoolId: config.userPoolId,
    userPoolClientId: config.userPoolClientId,
    ...(config.userPoolEndpoint ? { userPoolEndpoint: config.userPoolEndpoint } : {}),
    // The SRP form and, when the stack has a Cognito domain, the hosted UI (code grant with PKCE).
    loginWith: { email: true, ...(oauth ? { oauth } : {}) },
  };
  // Only the IAM mode needs identity-pool credentials. Leaving the identity pool out
  // otherwise means a token refresh never waits on (or fails because of) an identity
  // pool the API does not use. No guest access: only signed-in riders get credentials.
  const auth: ResourcesConfig['Auth'] =
    config.authMode === 'iam'
      ? {
          Cognito: {
            ...userPool,
            identityPoolId: config.identityPoolId,
            ...(config.identityPoolEndpoint ? { identityPoolEndpoint: config.identityPoolEndpoint } : {}),
            allowGuestAccess: false,
          },
        }
      : { Cognito: userPool };
  return {
    Auth: auth,
    API: {
      REST: {
        [API_NAME]: {
          endpoint: config.apiUrl,
          region: config.region,
          // Needed for SigV4 when the API sits on a non-AWS host (the local cloud):
          // Amplify only infers the service name from *.execute-api.* host names.
          service: 'execute-api',
        },
      },
    },
  };
}

export function configureAmplify(config: SiteConfig): void {
  adaptFetchToLocalHostedUi(config);
  Amplify.configure(buildAmplifyConfig(config));
}

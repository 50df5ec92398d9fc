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
  // Identity-pool credentials in every mode: the IAM mode signs the API with them, and every
  // mode uploads and reads profile photos with them (Amplify Storage signs S3 calls). The ride
  // API is called with `defaultAuthMode: 'none'` outside the IAM mode (ride-api.ts), so having
  // credentials never makes Amplify sign those calls. No guest access: only signed-in riders.
  const auth: ResourcesConfig['Auth'] = {
    Cognito: {
      ...userPool,
      identityPoolId: config.identityPoolId,
      ...(config.identityPoolEndpoint ? { identityPoolEndpoint: config.identityPoolEndpoint } : {}),
      allowGuestAccess: false,
    },
  };
  return {
    Auth: auth,
    ...(config.riderFilesBucket ? { Storage: { S3: { bucket: config.riderFilesBucket, region: config.region } } } : {}),
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

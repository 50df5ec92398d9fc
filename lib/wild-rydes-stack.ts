import { Aspects, CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiAccess } from './api-access.js';
import type { AppConfig } from './app-config.js';
import { AUTH_MODES } from './auth-mode.js';
import { RequireMethodScopes } from './auth-modes/require-scopes.js';
import { Dispatchers } from './dispatchers.js';
import { Identity } from './identity.js';
import { Rides } from './rides.js';
import { RiderFiles } from './rider-files.js';
import { WebsiteHosting } from './website-hosting.js';

export interface WildRydesStackProps extends StackProps {
  /** The checked context flags (see app-config.ts). */
  readonly config: AppConfig;
  /**
   * The built website folder.
   * @default - none: the website's placeholder page is deployed
   */
  readonly websiteDir?: string;
}

/** Composes the app: riders' identity, ride booking, the website; and says where to find them. */
export class WildRydesStack extends Stack {
  constructor(scope: Construct, id: string, props: WildRydesStackProps) {
    super(scope, id, props);
    const { config } = props;

    const identity = new Identity(this, 'Identity', { retainData: config.retainData, hostedUi: config.hostedUi });
    const rides = new Rides(this, 'Rides', {
      authMode: config.authMode,
      userPool: identity.userPool,
      userPoolClient: identity.userPoolClient,
      authorizerCacheTtl: config.authorizerCacheTtl,
      allowedOrigins: config.allowedOrigins,
      retainData: config.retainData,
      accessLogs: config.accessLogs,
      throttle: config.access.throttle,
      apiKeyRequired: config.access.apiKeys,
      webAclOnStage: config.access.waf,
    });
    rides.grantInvokeRide(identity.authenticatedRole);
    const dispatchers = new Dispatchers(this, 'Dispatchers', { userPool: identity.userPool, identityPool: identity.identityPool });
    rides.grantInvokeDispatch(dispatchers.role);
    // -c requireScopes=true: each method behind the Cognito authorizer wants an access token with its scope (lib/oauth-scopes.ts).
    if (config.hostedUi.requireScopes) Aspects.of(rides.api).add(new RequireMethodScopes());
    const access = new ApiAccess(this, 'Access', { api: rides.api, authMode: config.authMode, config: config.access });

    // The bucket's CORS names the website's origin, known once the distribution exists: read lazily.
    const riderFiles = new RiderFiles(this, 'RiderFiles', {
      riderRole: identity.authenticatedRole,
      allowedOrigins: [Lazy.string({ produce: () => website.url }), ...config.allowedOrigins.filter((o) => o !== '*')],
      retainData: config.retainData,
    });

    const website: WebsiteHosting = new WebsiteHosting(this, 'Website', {
      websiteDir: props.websiteDir,
      config: {
        region: this.region,
        userPoolId: identity.userPool.userPoolId,
        userPoolClientId: identity.userPoolClient.userPoolClientId,
        identityPoolId: identity.identityPool.ref,
        apiUrl: rides.api.url,
        authMode: config.authMode,
        riderFilesBucket: riderFiles.bucket.bucketName,
        ...(access.apiKeyValue !== undefined ? { apiKey: access.apiKeyValue } : {}),
        hostedUiUrl: identity.domain.baseUrl(),
        ...(config.hostedUi.requireScopes ? { requireScopes: true } : {}),
      },
      redirectPaths: identity.redirectPaths,
    });
    identity.allowRedirectsTo(website.url);

    const outputs: Record<string, [string, string]> = {
      ApiUrl: [rides.api.url, 'Base URL of the API (POST ride to book a unicorn)'],
      Region: [this.region, 'Region of the stack'],
      UserPoolId: [identity.userPool.userPoolId, 'Cognito user pool of the riders'],
      UserPoolClientId: [identity.userPoolClient.userPoolClientId, 'App client the website signs in with'],
      IdentityPoolId: [identity.identityPool.ref, 'Identity pool that gives riders AWS credentials (iam mode)'],
      WebsiteUrl: [website.url, 'The riders\' website'],
      UserPoolDomainUrl: [identity.domain.baseUrl(), 'The hosted UI and the OAuth 2.0 endpoints (/oauth2/authorize, /oauth2/token, /login, /logout)'],
      RiderFilesBucket: [riderFiles.bucket.bucketName, 'Bucket of the riders\' profile photos (private/ and protected/ per identity id)'],
      AuthMode: [config.authMode, `How POST /ride is protected: ${inWords(AUTH_MODES)}`],
      RiderRoleArn: [identity.authenticatedRole.roleArn, "The role the identity pool gives signed-in riders (npm run rider -- whoami shows it)"],
      ApiTokenUse: [
        config.hostedUi.requireScopes ? 'access' : 'id',
        'The token the API takes in Authorization: id (an ID token), or access (an access token with the wildrydes/* scopes, -c requireScopes=true)',
      ],
    };
    if (access.apiKey) {
      outputs.ApiKeyId = [access.apiKey.keyId, "The website's API key (its value: aws apigateway get-api-key --include-value --api-key <id>)"];
    }
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }
  }
}

/** `a, b or c`: the list of modes as the AuthMode output's description says it. */
function inWords(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

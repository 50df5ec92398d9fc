import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CALLBACK_PATH, SIGN_OUT_PATH, type HostedUiConfig } from './hosted-ui-config.js';
import { addRidesResourceServer, defaultDomainPrefix, oauthSettings } from './hosted-ui.js';
import { authenticatedIdentitiesOf } from './identity-pool-principal.js';

/** The custom attribute riders edit on their profile page: `custom:favourite_unicorn` in the pool. */
export const FAVOURITE_UNICORN = 'favourite_unicorn';

export interface IdentityProps {
  /** Keep the user pool when the stack is destroyed. */
  readonly retainData: boolean;
  /**
   * The hosted UI's flags (domain prefix, extra callback URLs, implicit grant).
   * @default - a domain derived from the stack and the account, code grant only, no extra URLs
   */
  readonly hostedUi?: HostedUiConfig;
}

/**
 * Who the riders are: a user pool they sign up to with their email, a public
 * app client for the website, and an identity pool that trades their ID token
 * for short-lived AWS credentials of one role.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly identityPool: cognito.CfnIdentityPool;
  /** The role signed-in riders assume through the identity pool. It starts with no permissions. */
  readonly authenticatedRole: iam.Role;
  /** The Cognito domain serving the hosted UI and the OAuth 2.0 endpoints. */
  readonly domain: cognito.UserPoolDomain;
  /** The website's paths the hosted UI sends riders back to. */
  readonly redirectPaths: { readonly signIn: string; readonly signOut: string };

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'WildRydes',
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // The rider's profile (website: /profile; `name` is a standard attribute every pool has). Adding a custom attribute to an existing pool is an
      // in-place update (Cognito's AddCustomAttributes); it can never be removed or changed afterwards.
      customAttributes: { [FAVOURITE_UNICORN]: new cognito.StringAttribute({ minLen: 0, maxLen: 32, mutable: true }) },
      userVerification: {
        emailSubject: 'Your Wild Rydes verification code',
        emailBody: 'Welcome to Wild Rydes! Your verification code is {####}',
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Cognito's built-in email sender: no SES identity to verify before a workshop.
      email: cognito.UserPoolEmail.withCognito(),
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is out of scope for this workshop, which teaches token versus IAM authorization; required MFA would need SMS (billed per message) or a TOTP enrolment step before the first ride. Production forks should enable it.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The Plus feature plan is billed per monthly active user; the Essentials plan covers sign-up, SRP sign-in and token revocation, all this app uses.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection (advanced security ENFORCED) needs the Plus feature plan, billed per monthly active user; a workshop stack must cost nothing while idle. Brute force is still limited by Cognito lockout and the strong password policy.',
    });

    // Riders an operator has suspended: the lambda mode's authorizer denies them (lambda/authorizer/decide.ts).
    new cognito.CfnUserPoolGroup(this, 'SuspendedGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'suspended',
      description: 'Riders who may not book rides (denied by the Lambda authorizer in authMode=lambda)',
    });

    // The hosted UI: the API's scopes, then the client allowed to ask for them (lib/hosted-ui.ts).
    const hostedUi = props.hostedUi ?? { extraCallbackUrls: [], implicitGrant: false, requireScopes: false };
    const rides = addRidesResourceServer(this.userPool);
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: hostedUi.domainPrefix ?? defaultDomainPrefix(Stack.of(this).stackName) },
    });

    this.userPoolClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'wild-rydes-web',
      // A browser cannot keep a secret.
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true, adminUserPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // SRP against the user-pool API, and the hosted UI's authorization code grant with PKCE.
      oAuth: oauthSettings(hostedUi, rides.scopes),
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      // What the website reads and may write with the rider's own access token (UpdateUserAttributes).
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(FAVOURITE_UNICORN),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes(FAVOURITE_UNICORN),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.identityPool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
      identityPoolName: 'WildRydesIdentities',
      // Only signed-in riders get credentials.
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [
        {
          providerName: this.userPool.userPoolProviderName,
          clientId: this.userPoolClient.userPoolClientId,
          // Ask the user pool whether the token was revoked (GlobalSignOut) before issuing credentials.
          serverSideTokenCheck: true,
        },
      ],
    });

    this.authenticatedRole = new iam.Role(this, 'AuthenticatedRole', {
      description: 'Assumed by signed-in Wild Rydes riders through the identity pool',
      maxSessionDuration: Duration.hours(1),
      assumedBy: authenticatedIdentitiesOf(this.identityPool),
    });

    this.redirectPaths = { signIn: CALLBACK_PATH, signOut: SIGN_OUT_PATH };

    new cognito.CfnIdentityPoolRoleAttachment(this, 'RoleAttachment', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: this.authenticatedRole.roleArn },
      // "Choose role from token": a member of a group that carries a role (the dispatchers) gets that
      // role (`cognito:preferred_role` of the ID token); everyone else, whose token names no role, the
      // riders' role above (AmbiguousRoleResolution AuthenticatedRole).
      roleMappings: {
        webClient: {
          type: 'Token',
          ambiguousRoleResolution: 'AuthenticatedRole',
          identityProvider: `${this.userPool.userPoolProviderName}:${this.userPoolClient.userPoolClientId}`,
        },
      },
    });
  }

  /**
   * Lets the hosted UI redirect to the website at `websiteUrl` (callback and
   * sign-out), besides the local website and the extra URLs. The website is made
   * after the client (its config.json names the client), hence this late step.
   */
  allowRedirectsTo(websiteUrl: string): void {
    const client = this.userPoolClient.node.defaultChild as cognito.CfnUserPoolClient;
    client.callbackUrLs = [`${websiteUrl}${this.redirectPaths.signIn}`, ...(client.callbackUrLs ?? [])];
    client.logoutUrLs = [`${websiteUrl}${this.redirectPaths.signOut}`, ...(client.logoutUrLs ?? [])];
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { createLocalStack, type CfnTemplate, type LocalStack } from '../../../local/template/index.js';
import { startCognitoServer, type CognitoLocal } from '../../../local/cognito/index.js';

/**
 * A small hand-written template with the Cognito resources of the Wild Rydes
 * stack, in CloudFormation's own property names (as `cdk synth` writes them):
 * an email-sign-in pool with a web client, a second pool, and an identity
 * pool whose authenticated role is attached.
 */
export const PASSWORD = 'Correct-Horse-9';
/** The origin the test Cognito lets browsers call it from. */
export const WEBSITE_ORIGIN = 'http://localhost:5173';

export const template: CfnTemplate = {
  Resources: {
    UserPool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: {
        UserPoolName: 'WildRydes',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 3,
          },
        },
      },
    },
    WebClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'UserPool' },
        ClientName: 'wild-rydes-web',
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
        IdTokenValidity: 60,
        AccessTokenValidity: 60,
        RefreshTokenValidity: 43200,
        TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      },
    },
    /** A client that reveals missing users and allows only SRP (CloudFormation's defaults otherwise). */
    LegacyClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: { UserPoolId: { Ref: 'UserPool' }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    },
    /** Riders an operator has suspended (the lambda mode's authorizer denies them), and a group of lower precedence number. */
    SuspendedGroup: {
      Type: 'AWS::Cognito::UserPoolGroup',
      Properties: { UserPoolId: { Ref: 'UserPool' }, GroupName: 'suspended', Description: 'May not book rides', Precedence: 5 },
    },
    StaffGroup: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { UserPoolId: { Ref: 'UserPool' }, GroupName: 'staff', Precedence: 1 } },
    /** Dispatchers: a group carrying a role, as lib/dispatchers.ts makes it. */
    DispatchersGroup: {
      Type: 'AWS::Cognito::UserPoolGroup',
      Properties: { UserPoolId: { Ref: 'UserPool' }, GroupName: 'dispatchers', Precedence: 2, RoleArn: { 'Fn::GetAtt': ['DispatcherRole', 'Arn'] } },
    },
    DispatcherRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    OtherPool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: { UserPoolName: 'Other', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] },
    },
    OtherClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: { UserPoolId: { Ref: 'OtherPool' }, ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    },
    IdentityPool: {
      Type: 'AWS::Cognito::IdentityPool',
      Properties: {
        IdentityPoolName: 'WildRydesIdentities',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [
          { ProviderName: { 'Fn::GetAtt': ['UserPool', 'ProviderName'] }, ClientId: { Ref: 'WebClient' }, ServerSideTokenCheck: true },
        ],
      },
    },
    AuthenticatedRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    RoleAttachment: {
      Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
      Properties: {
        IdentityPoolId: { Ref: 'IdentityPool' },
        Roles: { authenticated: { 'Fn::GetAtt': ['AuthenticatedRole', 'Arn'] } },
        // As lib/identity.ts: the role from the token, the authenticated role when it names none.
        RoleMappings: {
          webClient: {
            Type: 'Token',
            AmbiguousRoleResolution: 'AuthenticatedRole',
            IdentityProvider: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['UserPool', 'ProviderName'] }, ':', { Ref: 'WebClient' }]] },
          },
        },
      },
    },
  },
};

export function fixtureStack(): LocalStack {
  return createLocalStack({ stackName: 'WildRydes', template, assemblyDir: tmpdir() });
}

/** A clock the tests can move forward; it follows real time otherwise. */
export class TestClock {
  offsetMs = 0;
  frozenAt: number | undefined;
  now = () => this.frozenAt ?? Date.now() + this.offsetMs;
  advance(ms: number) {
    this.offsetMs += ms;
    if (this.frozenAt !== undefined) this.frozenAt += ms;
  }
  /** Stops the clock, so timing-sensitive steps cannot race it. */
  freeze() {
    this.frozenAt = this.now();
  }
  thaw() {
    this.frozenAt = undefined;
  }
}

export interface TestCognito {
  url: string;
  cognito: CognitoLocal;
  dataDir: string;
  clock: TestClock;
  stack: LocalStack;
  logLines: string[];
  idp: CognitoIdentityProviderClient;
  identity: CognitoIdentityClient;
  poolId: string;
  clientId: string;
  legacyClientId: string;
  otherPoolId: string;
  otherClientId: string;
  identityPoolId: string;
  /** The latest code mailed to an address. */
  codeFor(email: string): string;
  /** Stops the server; `keepData` leaves the data folder for a restart. */
  close(keepData?: boolean): Promise<void>;
}

export async function startTestCognito(options: { dataDir?: string; clock?: TestClock } = {}): Promise<TestCognito> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cognito-test-'));
  const clock = options.clock ?? new TestClock();
  const stack = fixtureStack();
  const logLines: string[] = [];
  const server = await startCognitoServer({
    stack,
    dataDir,
    now: clock.now,
    log: (line) => logLines.push(line),
    // The origin of a website dev server: the one origin browsers may call this Cognito from.
    allowedOrigins: () => [WEBSITE_ORIGIN],
  });
  const clientConfig = {
    region: 'us-east-1',
    endpoint: server.url,
    // The data folder's local administrator: admin actions (AdminCreateUser, ListUsers...) must be signed by a known key.
    credentials: { ...server.cognito.adminCredentials },
    maxAttempts: 1,
  };
  const idp = new CognitoIdentityProviderClient(clientConfig);
  const identity = new CognitoIdentityClient(clientConfig);
  return {
    url: server.url,
    cognito: server.cognito,
    dataDir,
    clock,
    stack,
    logLines,
    idp,
    identity,
    poolId: stack.physicalId('UserPool'),
    clientId: stack.physicalId('WebClient'),
    legacyClientId: stack.physicalId('LegacyClient'),
    otherPoolId: stack.physicalId('OtherPool'),
    otherClientId: stack.physicalId('OtherClient'),
    identityPoolId: stack.physicalId('IdentityPool'),
    codeFor(email) {
      const message = server.cognito
        .mailbox()
        .filter((m) => m.to === email)
        .at(-1);
      if (!message) throw new Error(`No mail for ${email}`);
      return message.code;
    },
    async close(keepData = false) {
      idp.destroy();
      identity.destroy();
      await server.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { uniqueEmail } from '../../support/unique-email.js';

import type { SchemaAttribute, UserPoolClientConfig, UserPoolConfig } from '../config-from-template.js';
import { requiredString } from '../params.js';
import type { Actions } from './action.js';
import type { UserPoolContext } from './context.js';

/**
 * DescribeUserPool and DescribeUserPoolClient, in the shapes of the service
 * model (UserPoolType, UserPoolClientType), with what the template declares:
 * settings it does not mention and we cannot know (creation dates, a domain)
 * are left out rather than made up.
 */
export function describeActions(ctx: UserPoolContext): Actions {
  return {
    DescribeUserPool(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      return { UserPool: userPoolType(pool, Object.keys(ctx.usersOf(pool)).length) };
    },

    DescribeUserPoolClient(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const client = ctx.clientOfPool(pool, requiredString(input, 'ClientId'));
      return { UserPoolClient: userPoolClientType(client) };
    },
  };
}

/** Template properties whose CloudFormation shape is the API's, passed through when present. */
const POOL_PASS_THROUGH = [
  'AccountRecoverySetting',
  'AdminCreateUserConfig',
  'DeletionProtection',
  'DeviceConfiguration',
  'EmailConfiguration',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'LambdaConfig',
  'UserAttributeUpdateSettings',
  'UserPoolAddOns',
  'UserPoolTags',
  'UserPoolTier',
  'VerificationMessageTemplate',
];
const CLIENT_PASS_THROUGH = [
  'AllowedOAuthFlows',
  'AllowedOAuthFlowsUserPoolClient',
  'AllowedOAuthScopes',
  'CallbackURLs',
  'DefaultRedirectURI',
  'EnablePropagateAdditionalUserContextData',
  'LogoutURLs',
  'ReadAttributes',
  'SupportedIdentityProviders',
  'WriteAttributes',
];

const pick = (properties: Record<string, unknown>, names: string[]) => Object.fromEntries(names.filter((n) => Object.hasOwn(properties, n) && properties[n] !== undefined).map((n) => [n, properties[n]]));

function schemaAttributeType(a: SchemaAttribute) {
  return {
    Name: a.name,
    AttributeDataType: a.dataType,
    DeveloperOnlyAttribute: a.developerOnly,
    Mutable: a.mutable,
    Required: a.required,
    // The model has these as strings.
    ...(a.maxLength !== undefined ? { StringAttributeConstraints: { MinLength: String(a.minLength ?? 0), MaxLength: String(a.maxLength) } } : {}),
  };
}

function userPoolType(pool: UserPoolConfig, users: number) {
  const p = pool.passwordPolicy;
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: `arn:aws:cognito-idp:${pool.region}:${pool.accountId}:userpool/${pool.id}`,
    Policies: {
      PasswordPolicy: {
        MinimumLength: p.minimumLength,
        RequireUppercase: p.requireUppercase,
        RequireLowercase: p.requireLowercase,
        RequireNumbers: p.requireNumbers,
        RequireSymbols: p.requireSymbols,
        TemporaryPasswordValidityDays: p.temporaryPasswordValidityDays,
      },
    },
    SchemaAttributes: [...pool.schema.values()].map(schemaAttributeType),
    AutoVerifiedAttributes: pool.autoVerifiedAttributes,
    ...(pool.usernameAttributes.length > 0 ? { UsernameAttributes: pool.usernameAttributes } : {}),
    ...(pool.aliasAttributes.length > 0 ? { AliasAttributes: pool.aliasAttributes } : {}),
    UsernameConfiguration: { CaseSensitive: pool.caseSensitive },
    MfaConfiguration: typeof pool.properties.MfaConfiguration === 'string' ? pool.properties.MfaConfiguration : 'OFF',
    EstimatedNumberOfUsers: users,
    ...pick(pool.properties, POOL_PASS_THROUGH),
  };
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

function userPoolClientType(client: UserPoolClientConfig) {
  const declared = (client.properties.TokenValidityUnits ?? {}) as Record<string, unknown>;
  // Each validity in the unit the template chose, else the unit Cognito reports for a new client.
  const unit = (name: string, fallback: string) => (typeof declared[name] === 'string' && UNIT_SECONDS[declared[name] as string] ? (declared[name] as string) : fallback);
  const units = { AccessToken: unit('AccessToken', 'minutes'), IdToken: unit('IdToken', 'minutes'), RefreshToken: unit('RefreshToken', 'days') };
  return {
    UserPoolId: client.userPoolId,
    ClientName: client.name,
    ClientId: client.id,
    RefreshTokenValidity: client.refreshTokenValiditySeconds / UNIT_SECONDS[units.RefreshToken]!,
    AccessTokenValidity: client.accessTokenValiditySeconds / UNIT_SECONDS[units.AccessToken]!,
    IdTokenValidity: client.idTokenValiditySeconds / UNIT_SECONDS[units.IdToken]!,
    TokenValidityUnits: units,
    ExplicitAuthFlows: [...client.explicitAuthFlows],
    PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
    EnableTokenRevocation: client.enableTokenRevocation,
    AuthSessionValidity: client.authSessionValiditySeconds / 60,
    ...pick(client.properties, CLIENT_PASS_THROUGH),
  };
}

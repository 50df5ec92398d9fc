import type { LocalStack } from '../template/index.js';
import { roleMappingsOf, type RoleMapping } from './identity-pool-roles.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password-policy.js';

/**
 * The pools and clients the synthesized template declares, in the terms the
 * local service needs. Read from CloudFormation properties (with
 * CloudFormation's defaults), never from hand-written settings.
 */
export interface UserPoolConfig {
  id: string;
  logicalId: string;
  /** UserPoolName, or the logical id when the template names none. */
  name: string;
  region: string;
  accountId: string;
  passwordPolicy: PasswordPolicy;
  /** Attributes Cognito verifies by sending a code at sign-up (`email`). */
  autoVerifiedAttributes: string[];
  /** `['email']` when users sign in with their email and the username is a generated uuid. */
  usernameAttributes: string[];
  /** Attributes that, once verified, may stand in for the username. */
  aliasAttributes: string[];
  /** UsernameConfiguration.CaseSensitive; CloudFormation's default is case-sensitive. */
  caseSensitive: boolean;
  /**
   * Every attribute a user of this pool may have, by the name the API uses:
   * Cognito's standard attributes, then the template's `Schema` entries
   * (custom ones as `custom:<Name>`, developer-only ones as `dev:custom:<Name>`).
   */
  schema: Map<string, SchemaAttribute>;
  /** Policies.PasswordPolicy etc. as the template wrote them, for DescribeUserPool. */
  properties: Record<string, unknown>;
  clients: Map<string, UserPoolClientConfig>;
  /** The pool's groups (AWS::Cognito::UserPoolGroup), by GroupName. */
  groups: Map<string, UserPoolGroupConfig>;
  /** The prefix of the pool's Cognito domain (AWS::Cognito::UserPoolDomain), when it has one: the hosted UI. */
  domainPrefix?: string;
  /** Scopes of the pool's resource servers (AWS::Cognito::UserPoolResourceServer), as `<identifier>/<scope>`. */
  resourceServerScopes: Set<string>;
}

/** The OAuth 2.0 settings of an app client (AllowedOAuthFlows and friends). */
export interface OAuthClientConfig {
  /** AllowedOAuthFlowsUserPoolClient: without it the client may use none of the flows below. */
  enabled: boolean;
  flows: Set<string>;
  scopes: Set<string>;
  /** CallbackURLs and LogoutURLs as the template writes them (the local cloud maps its website's URL, see hosted-ui/). */
  callbackUrls: string[];
  logoutUrls: string[];
  identityProviders: Set<string>;
}

/** One AWS::Cognito::UserPoolGroup, as AdminListGroupsForUser's GroupType describes it. */
export interface UserPoolGroupConfig {
  name: string;
  description?: string;
  precedence?: number;
  roleArn?: string;
}

/** One attribute of a pool's schema, as DescribeUserPool's SchemaAttributeType describes it. */
export interface SchemaAttribute {
  name: string;
  dataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  developerOnly: boolean;
  mutable: boolean;
  required: boolean;
  /** StringAttributeConstraints.MaxLength (String attributes); values are capped at 2048 anyway. */
  maxLength?: number;
  minLength?: number;
}

/**
 * Cognito's standard attributes (OpenID Connect's, plus its own), as a new
 * pool's DescribeUserPool lists them: all String of at most 2048 characters
 * but for the ones named here.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
export const STANDARD_ATTRIBUTES: readonly string[] = [
  'sub', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address', 'updated_at',
];
const STANDARD_TYPES: Record<string, SchemaAttribute['dataType']> = { email_verified: 'Boolean', phone_number_verified: 'Boolean', updated_at: 'Number' };

function standardAttribute(name: string): SchemaAttribute {
  const dataType = STANDARD_TYPES[name] ?? 'String';
  const lengths = name === 'birthdate' ? { minLength: 10, maxLength: 10 } : dataType === 'String' ? { minLength: name === 'sub' ? 1 : 0, maxLength: 2048 } : {};
  return { name, dataType, developerOnly: false, mutable: name !== 'sub', required: name === 'sub', ...lengths };
}

/** The pool's schema: the standard attributes, overridden and extended by the template's `Schema`. */
function schemaOf(entries: unknown): Map<string, SchemaAttribute> {
  const schema = new Map<string, SchemaAttribute>(STANDARD_ATTRIBUTES.map((name) => [name, standardAttribute(name)]));
  for (const entry of Array.isArray(entries) ? (entries as Record<string, any>[]) : []) {
    if (typeof entry?.Name !== 'string') continue;
    const standard = schema.get(entry.Name);
    const developerOnly = !standard && bool(entry.DeveloperOnlyAttribute, false);
    const name = standard ? entry.Name : `${developerOnly ? 'dev:' : ''}custom:${entry.Name}`;
    const constraints = (entry.StringAttributeConstraints ?? {}) as Record<string, unknown>;
    const dataType = (['String', 'Number', 'DateTime', 'Boolean'].includes(entry.AttributeDataType) ? entry.AttributeDataType : (standard?.dataType ?? 'String')) as SchemaAttribute['dataType'];
    const attribute: SchemaAttribute = {
      name,
      dataType,
      developerOnly,
      mutable: bool(entry.Mutable, standard?.mutable ?? true),
      required: bool(entry.Required, standard?.required ?? false),
    };
    if (dataType === 'String') {
      attribute.minLength = num(constraints.MinLength, standard?.minLength ?? 0);
      attribute.maxLength = Math.min(num(constraints.MaxLength, standard?.maxLength ?? 2048), 2048);
    }
    schema.set(name, attribute);
  }
  return schema;
}

const stringSet = (value: unknown): Set<string> | undefined => (Array.isArray(value) ? new Set(value.map(String)) : undefined);

export type AuthFlow = 'ALLOW_USER_SRP_AUTH' | 'ALLOW_USER_PASSWORD_AUTH' | 'ALLOW_REFRESH_TOKEN_AUTH' | 'ALLOW_ADMIN_USER_PASSWORD_AUTH' | 'ALLOW_CUSTOM_AUTH';

export interface UserPoolClientConfig {
  id: string;
  logicalId: string;
  userPoolId: string;
  name: string;
  explicitAuthFlows: Set<AuthFlow>;
  /** PreventUserExistenceErrors ENABLED: sign-in and recovery never reveal whether a user exists. */
  preventUserExistenceErrors: boolean;
  idTokenValiditySeconds: number;
  accessTokenValiditySeconds: number;
  refreshTokenValiditySeconds: number;
  /** How long a challenge Session (and an SRP SECRET_BLOCK) stays valid. */
  authSessionValiditySeconds: number;
  enableTokenRevocation: boolean;
  generateSecret: boolean;
  /** WriteAttributes: what this client may set; absent means every standard and custom attribute. */
  writeAttributes?: Set<string>;
  /** ReadAttributes: what this client may read; absent means every attribute. */
  readAttributes?: Set<string>;
  /** The client's CloudFormation properties, for DescribeUserPoolClient. */
  properties: Record<string, unknown>;
  oauth: OAuthClientConfig;
}

export interface IdentityPoolProvider {
  /** `cognito-idp.<region>.amazonaws.com/<poolId>`, the key of Logins. */
  providerName: string;
  clientId: string;
  serverSideTokenCheck: boolean;
}

export interface IdentityPoolConfig {
  id: string;
  logicalId: string;
  name: string;
  region: string;
  accountId: string;
  allowUnauthenticated: boolean;
  providers: IdentityPoolProvider[];
  authenticatedRoleArn?: string;
  unauthenticatedRoleArn?: string;
  /** The role attachment's RoleMappings: the authenticated role chosen per provider from the token. */
  roleMappings: RoleMapping[];
}

export interface CognitoConfig {
  userPools: UserPoolConfig[];
  identityPools: IdentityPoolConfig[];
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Older flow names CloudFormation still accepts, mapped to today's. */
const LEGACY_FLOWS: Record<string, AuthFlow> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
};

/** CloudFormation's ExplicitAuthFlows when the property is absent. */
const DEFAULT_FLOWS: AuthFlow[] = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  return value === true || value === 'true';
}

function num(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function validity(value: unknown, unit: unknown, fallback: number, fallbackUnit: string): number {
  const u = typeof unit === 'string' ? unit : fallbackUnit;
  return num(value, fallback) * (UNIT_SECONDS[u] ?? UNIT_SECONDS[fallbackUnit]!);
}

export function configFromStack(stack: LocalStack): CognitoConfig {
  const props = (logicalId: string) => stack.resolve<Record<string, any>>(stack.template.Resources[logicalId]!.Properties ?? {});

  const userPools = stack.resourcesOfType('AWS::Cognito::UserPool').map((logicalId): UserPoolConfig => {
    const p = props(logicalId);
    const policy = p.Policies?.PasswordPolicy ?? {};
    return {
      id: stack.physicalId(logicalId),
      logicalId,
      name: typeof p.UserPoolName === 'string' ? p.UserPoolName : logicalId,
      region: stack.region,
      accountId: stack.accountId,
      passwordPolicy: {
        minimumLength: num(policy.MinimumLength, DEFAULT_PASSWORD_POLICY.minimumLength),
        requireLowercase: bool(policy.RequireLowercase, p.Policies?.PasswordPolicy ? false : DEFAULT_PASSWORD_POLICY.requireLowercase),
        requireUppercase: bool(policy.RequireUppercase, p.Policies?.PasswordPolicy ? false : DEFAULT_PASSWORD_POLICY.requireUppercase),
        requireNumbers: bool(policy.RequireNumbers, p.Policies?.PasswordPolicy ? false : DEFAULT_PASSWORD_POLICY.requireNumbers),
        requireSymbols: bool(policy.RequireSymbols, p.Policies?.PasswordPolicy ? false : DEFAULT_PASSWORD_POLICY.requireSymbols),
        temporaryPasswordValidityDays: num(policy.TemporaryPasswordValidityDays, DEFAULT_PASSWORD_POLICY.temporaryPasswordValidityDays),
      },
      autoVerifiedAttributes: Array.isArray(p.AutoVerifiedAttributes) ? p.AutoVerifiedAttributes.map(String) : [],
      usernameAttributes: Array.isArray(p.UsernameAttributes) ? p.UsernameAttributes.map(String) : [],
      aliasAttributes: Array.isArray(p.AliasAttributes) ? p.AliasAttributes.map(String) : [],
      caseSensitive: bool(p.UsernameConfiguration?.CaseSensitive, true),
      schema: schemaOf(p.Schema),
      properties: p,
      clients: new Map(),
      groups: new Map(),
      resourceServerScopes: new Set(),
    };
  });

  for (const logicalId of stack.resourcesOfType('AWS::Cognito::UserPoolGroup')) {
    const p = props(logicalId);
    const pool = userPools.find((up) => up.id === p.UserPoolId);
    if (!pool) continue;
    // Without a GroupName CloudFormation names the group itself; the logical id stands in for that name here.
    const name = typeof p.GroupName === 'string' ? p.GroupName : logicalId;
    pool.groups.set(name, {
      name,
      ...(typeof p.Description === 'string' ? { description: p.Description } : {}),
      ...(p.Precedence !== undefined ? { precedence: num(p.Precedence, 0) } : {}),
      ...(typeof p.RoleArn === 'string' ? { roleArn: p.RoleArn } : {}),
    });
  }

  for (const logicalId of stack.resourcesOfType('AWS::Cognito::UserPoolDomain')) {
    const p = props(logicalId);
    const pool = userPools.find((up) => up.id === p.UserPoolId);
    if (pool && typeof p.Domain === 'string') pool.domainPrefix = p.Domain;
  }

  for (const logicalId of stack.resourcesOfType('AWS::Cognito::UserPoolResourceServer')) {
    const p = props(logicalId);
    const pool = userPools.find((up) => up.id === p.UserPoolId);
    if (!pool) continue;
    for (const scope of Array.isArray(p.Scopes) ? (p.Scopes as Record<string, unknown>[]) : []) pool.resourceServerScopes.add(`${String(p.Identifier)}/${String(scope.ScopeName)}`);
  }

  for (const logicalId of stack.resourcesOfType('AWS::Cognito::UserPoolClient')) {
    const p = props(logicalId);
    const pool = userPools.find((up) => up.id === p.UserPoolId);
    if (!pool) continue;
    const units = (p.TokenValidityUnits ?? {}) as Record<string, unknown>;
    const flows = Array.isArray(p.ExplicitAuthFlows) ? (p.ExplicitAuthFlows as string[]).map((f) => LEGACY_FLOWS[f] ?? (f as AuthFlow)) : DEFAULT_FLOWS;
    const id = stack.physicalId(logicalId);
    const writeAttributes = stringSet(p.WriteAttributes);
    const readAttributes = stringSet(p.ReadAttributes);
    pool.clients.set(id, {
      id,
      logicalId,
      userPoolId: pool.id,
      name: typeof p.ClientName === 'string' ? p.ClientName : logicalId,
      explicitAuthFlows: new Set(flows),
      preventUserExistenceErrors: p.PreventUserExistenceErrors === 'ENABLED',
      idTokenValiditySeconds: validity(p.IdTokenValidity, units.IdToken, 1, 'hours'),
      accessTokenValiditySeconds: validity(p.AccessTokenValidity, units.AccessToken, 1, 'hours'),
      refreshTokenValiditySeconds: validity(p.RefreshTokenValidity, units.RefreshToken, 30, 'days'),
      authSessionValiditySeconds: num(p.AuthSessionValidity, 3) * 60,
      enableTokenRevocation: bool(p.EnableTokenRevocation, true),
      generateSecret: bool(p.GenerateSecret, false),
      ...(writeAttributes ? { writeAttributes } : {}),
      ...(readAttributes ? { readAttributes } : {}),
      properties: p,
      oauth: {
        enabled: bool(p.AllowedOAuthFlowsUserPoolClient, false),
        flows: stringSet(p.AllowedOAuthFlows) ?? new Set(),
        scopes: stringSet(p.AllowedOAuthScopes) ?? new Set(),
        callbackUrls: Array.isArray(p.CallbackURLs) ? p.CallbackURLs.map(String) : [],
        logoutUrls: Array.isArray(p.LogoutURLs) ? p.LogoutURLs.map(String) : [],
        identityProviders: stringSet(p.SupportedIdentityProviders) ?? new Set(),
      },
    });
  }

  const identityPools = stack.resourcesOfType('AWS::Cognito::IdentityPool').map((logicalId): IdentityPoolConfig => {
    const p = props(logicalId);
    const providers = Array.isArray(p.CognitoIdentityProviders) ? (p.CognitoIdentityProviders as Record<string, unknown>[]) : [];
    return {
      id: stack.physicalId(logicalId),
      logicalId,
      name: typeof p.IdentityPoolName === 'string' ? p.IdentityPoolName : logicalId,
      region: stack.region,
      accountId: stack.accountId,
      roleMappings: [],
      allowUnauthenticated: bool(p.AllowUnauthenticatedIdentities, false),
      providers: providers.map((provider) => ({
        providerName: String(provider.ProviderName),
        clientId: String(provider.ClientId),
        serverSideTokenCheck: bool(provider.ServerSideTokenCheck, false),
      })),
    };
  });

  for (const logicalId of stack.resourcesOfType('AWS::Cognito::IdentityPoolRoleAttachment')) {
    const p = props(logicalId);
    const pool = identityPools.find((ip) => ip.id === p.IdentityPoolId);
    if (!pool) continue;
    const roles = (p.Roles ?? {}) as Record<string, unknown>;
    if (typeof roles.authenticated === 'string') pool.authenticatedRoleArn = roles.authenticated;
    if (typeof roles.unauthenticated === 'string') pool.unauthenticatedRoleArn = roles.unauthenticated;
    pool.roleMappings = roleMappingsOf(p.RoleMappings);
  }

  return { userPools, identityPools };
}

import { NotAuthorizedException } from './errors.js';

/**
 * An identity pool's role mapping for one provider (AWS::Cognito::IdentityPoolRoleAttachment
 * RoleMappings; cognito-identity RoleMapping): choose the authenticated role from the
 * ID token instead of handing everyone the pool's authenticated role.
 */
export interface RoleMapping {
  /** `cognito-idp.REGION.amazonaws.com/POOL_ID:APP_CLIENT_ID`: whose tokens the mapping applies to. */
  identityProvider: string;
  type: 'Token' | 'Rules';
  /** What to do when the token names no single role (Token) or no rule matches (Rules). */
  ambiguousRoleResolution: 'AuthenticatedRole' | 'Deny';
  /** Rules only, in order: the first that matches gives the role. */
  rules: MappingRule[];
}

/** cognito-identity MappingRule: MatchType is Equals, Contains, StartsWith or NotEqual. */
export interface MappingRule {
  claim: string;
  matchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
  value: string;
  roleArn: string;
}

const MATCH_TYPES = new Set(['Equals', 'Contains', 'StartsWith', 'NotEqual']);

/**
 * The RoleMappings of a role attachment, as the template gives them (already resolved).
 * Keys of the map are free names; each value names its IdentityProvider. Entries
 * CloudFormation would refuse (no provider, another Type) are left out.
 */
export function roleMappingsOf(value: unknown): RoleMapping[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value as Record<string, Record<string, any>>).flatMap((m): RoleMapping[] => {
    if (typeof m?.IdentityProvider !== 'string' || (m.Type !== 'Token' && m.Type !== 'Rules')) return [];
    const rules = Array.isArray(m.RulesConfiguration?.Rules) ? (m.RulesConfiguration.Rules as Record<string, unknown>[]) : [];
    return [
      {
        identityProvider: m.IdentityProvider,
        type: m.Type,
        ambiguousRoleResolution: m.AmbiguousRoleResolution === 'Deny' ? 'Deny' : 'AuthenticatedRole',
        rules: rules.flatMap((r) =>
          typeof r.Claim === 'string' && typeof r.Value === 'string' && typeof r.RoleARN === 'string' && MATCH_TYPES.has(String(r.MatchType))
            ? [{ claim: r.Claim, matchType: r.MatchType as MappingRule['matchType'], value: r.Value, roleArn: r.RoleARN }]
            : [],
        ),
      },
    ];
  });
}

/** One claim value against a rule. An array claim (cognito:groups) matches when one of its members does; NotEqual when none equals. */
function matches(rule: MappingRule, claim: unknown): boolean {
  if (claim === undefined || claim === null) return false;
  const values = Array.isArray(claim) ? claim.map(String) : [String(claim)];
  switch (rule.matchType) {
    case 'Equals':
      return values.includes(rule.value);
    case 'NotEqual':
      return !values.includes(rule.value);
    case 'Contains':
      return values.some((v) => v.includes(rule.value));
    case 'StartsWith':
      return values.some((v) => v.startsWith(rule.value));
  }
}

/**
 * The role a mapping gives the holder of a verified ID token:
 * - Token: `cognito:preferred_role`, else the only one of `cognito:roles`;
 * - Rules: the role of the first rule the token's claims match;
 * and when that leaves no role, the pool's authenticated role, or for `Deny` a
 * refusal. Real Cognito answers that refusal with NotAuthorizedException "The
 * ambiguous role mapping rules denied this request." (as seen by Amplify users,
 * aws-amplify/amplify-js#8644).
 */
export function mappedRole(mapping: RoleMapping, claims: Record<string, unknown>, authenticatedRoleArn: string | undefined): string | undefined {
  if (mapping.type === 'Token') {
    const preferred = claims['cognito:preferred_role'];
    if (typeof preferred === 'string' && preferred !== '') return preferred;
    const roles = claims['cognito:roles'];
    if (Array.isArray(roles) && roles.length === 1 && typeof roles[0] === 'string') return roles[0];
  } else {
    const rule = mapping.rules.find((r) => matches(r, claims[r.claim]));
    if (rule) return rule.roleArn;
  }
  if (mapping.ambiguousRoleResolution === 'Deny') throw new NotAuthorizedException('The ambiguous role mapping rules denied this request.');
  return authenticatedRoleArn;
}

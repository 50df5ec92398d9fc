import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Who may assume a role handed out by the identity pool: only identities of THIS
 * identity pool (`aud`), and only authenticated ones (`amr`), through
 * AssumeRoleWithWebIdentity. The riders' role and the dispatchers' role trust
 * exactly this.
 */
export function authenticatedIdentitiesOf(identityPool: cognito.CfnIdentityPool): iam.FederatedPrincipal {
  return new iam.FederatedPrincipal(
    'cognito-identity.amazonaws.com',
    {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    },
    'sts:AssumeRoleWithWebIdentity',
  );
}

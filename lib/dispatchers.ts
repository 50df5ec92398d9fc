import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { authenticatedIdentitiesOf } from './identity-pool-principal.js';

/** The name of the group whose members may list every rider's rides (lambda/dispatch-rides/may-dispatch.ts). */
export const DISPATCHERS_GROUP = 'dispatchers';

export interface DispatchersProps {
  /** The riders' user pool, where the group is made. */
  readonly userPool: cognito.IUserPool;
  /** The identity pool whose authenticated identities may assume the dispatchers' role. */
  readonly identityPool: cognito.CfnIdentityPool;
}

/**
 * Dispatchers: a user-pool group and the IAM role its members get from the
 * identity pool (iam mode). The group carries the role's ARN, so Cognito puts it
 * in the members' ID tokens as `cognito:roles` and `cognito:preferred_role`, and
 * the identity pool's Token role mapping (lib/identity.ts) hands out that role
 * instead of the riders' one. The role starts with no permissions: the stack
 * grants it the methods it may invoke (Rides.grantInvokeDispatch).
 */
export class Dispatchers extends Construct {
  readonly group: cognito.CfnUserPoolGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DispatchersProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      description: 'Assumed by Wild Rydes dispatchers (user-pool group "dispatchers") through the identity pool',
      maxSessionDuration: Duration.hours(1),
      // The same trust as the riders' role: only authenticated identities of this identity pool.
      assumedBy: authenticatedIdentitiesOf(props.identityPool),
    });
    this.group = new cognito.CfnUserPoolGroup(this, 'Group', {
      userPoolId: props.userPool.userPoolId,
      groupName: DISPATCHERS_GROUP,
      description: "Dispatchers: may list every rider's rides (GET /dispatch/rides)",
      // Lower wins: a dispatcher in another group with a role still gets this one as cognito:preferred_role.
      precedence: 1,
      roleArn: this.role.roleArn,
    });
  }
}

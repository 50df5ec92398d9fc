import type { Acknowledgment } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

/** What the stack offers a mode to protect the API with. */
export interface AuthModeWiringProps {
  /** The riders' user pool (whose ID tokens a Cognito authorizer accepts). */
  readonly userPool: cognito.IUserPool;
}

/**
 * How one auth mode protects the API's methods, as one file per mode in this folder
 * and one entry in `index.ts`. `Rides` asks the wiring of its mode and never tests
 * the mode itself.
 */
export interface AuthModeWiring {
  /**
   * The method options of every protected method: authorizationType, and where the
   * mode needs them, the authorizer and scopes. Constructs the mode needs (an
   * authorizer) are created in `scope`; their ids become logical ids, so keep them.
   */
  methodOptions(scope: Construct, props: AuthModeWiringProps): apigw.MethodOptions;
  /** The cdk-nag findings this mode leaves on a protected method, each with why that is right here. */
  readonly acknowledgements: readonly Acknowledgment[];
}

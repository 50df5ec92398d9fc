import type { Acknowledgment, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/** What the stack offers a mode to protect the API with. */
export interface AuthModeWiringProps {
  /** The riders' user pool (whose ID tokens a Cognito authorizer accepts). */
  readonly userPool: cognito.IUserPool;
  /** The website's app client (whose ID tokens the `lambda` mode's authorizer accepts). */
  readonly userPoolClient: cognito.IUserPoolClient;
  /** Seconds a Lambda authorizer's answer is cached per token (0: not at all). */
  readonly authorizerCacheTtl: number;
  /** What happens to a mode's log groups on `cdk destroy`. */
  readonly removalPolicy: RemovalPolicy;
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

import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { AuthModeWiring } from './wiring.js';

/** `iam`: AWS_IAM, the caller signs with SigV4 using identity-pool credentials. */
export const iam: AuthModeWiring = {
  methodOptions: () => ({ authorizationType: apigw.AuthorizationType.IAM }),
  acknowledgements: [
    {
      id: 'AwsSolutions-COG4',
      reason: 'authMode=iam protects the method with AWS_IAM: callers sign with SigV4 using Cognito identity-pool credentials whose role may invoke only POST /ride.',
    },
  ],
};

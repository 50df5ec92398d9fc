import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { AuthModeWiring } from './wiring.js';

const reason =
  'authMode=none is the workshop\'s deliberate starting point (Module 2 before an authorizer); deploy with -c authMode=cognito or iam to protect the API.';

/** `none`: the method is open, as in the workshop's Module 2 before an authorizer is added. */
export const none: AuthModeWiring = {
  methodOptions: () => ({ authorizationType: apigw.AuthorizationType.NONE }),
  acknowledgements: [
    // APIG4: no authorization at all; COG4: no Cognito authorizer.
    { id: 'AwsSolutions-APIG4', reason },
    { id: 'AwsSolutions-COG4', reason },
  ],
};

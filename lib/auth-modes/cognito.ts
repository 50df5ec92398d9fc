import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { AuthModeWiring } from './wiring.js';

/**
 * `cognito`: a COGNITO_USER_POOLS authorizer. API Gateway reads the rider's ID token
 * from the Authorization header and checks it against the pool. No scopes: with none
 * set on the method, API Gateway expects an ID token; with AuthorizationScopes it
 * would demand an access token carrying one of them (API Gateway developer guide,
 * "Integrate a REST API with an Amazon Cognito user pool").
 */
export const cognito: AuthModeWiring = {
  methodOptions: (scope, { userPool }) => ({
    authorizationType: apigw.AuthorizationType.COGNITO,
    authorizer: new apigw.CognitoUserPoolsAuthorizer(scope, 'Authorizer', {
      authorizerName: 'WildRydes',
      cognitoUserPools: [userPool],
      identitySource: apigw.IdentitySource.header('Authorization'),
    }),
  }),
  // A Cognito authorizer is what APIG4 and COG4 ask for: nothing to acknowledge.
  acknowledgements: [],
};

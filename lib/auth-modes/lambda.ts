import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { fileURLToPath } from 'node:url';
import { nodeFunction } from '../node-function.js';
import type { AuthModeWiring } from './wiring.js';

/**
 * What API Gateway lets through to the authorizer at all: three base64url parts
 * (a JWT's shape). Anything else is answered 401 without invoking the function
 * (AWS::ApiGateway::Authorizer IdentityValidationExpression, TOKEN type only).
 */
export const JWT_SHAPE = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';

/**
 * `lambda`: a TOKEN authorizer. API Gateway passes the Authorization header to
 * a function of ours that verifies the rider's Cognito ID token (aws-jwt-verify)
 * and answers with the rider (principalId = sub), a policy and a context. The
 * answer is cached per token for `authorizerCacheTtl` seconds.
 */
export const lambdaAuthorizer: AuthModeWiring = {
  methodOptions: (scope, { userPool, userPoolClient, authorizerCacheTtl, removalPolicy }) => {
    // One of the app's functions (lib/node-function.ts): the same runtime, bundling and log group shape as the
    // ride function; its own role writes its own logs and nothing else (the library fetches the public JWKS over
    // HTTPS, no AWS call).
    const { function: handler } = nodeFunction(scope, 'AuthorizerFunction', {
      description: "Verifies the rider's Cognito ID token for POST /ride and returns a policy",
      roleDescription: 'Runs the Wild Rydes token authorizer: writes its own logs, nothing else',
      entry: fileURLToPath(new URL('../../lambda/authorizer/handler.ts', import.meta.url)),
      timeout: Duration.seconds(5),
      removalPolicy,
      ids: { logs: 'AuthorizerLogs', role: 'AuthorizerRole' },
      environment: { USER_POOL_ID: userPool.userPoolId, USER_POOL_CLIENT_ID: userPoolClient.userPoolClientId },
    });

    // CDK grants API Gateway lambda:InvokeFunction with SourceArn = this API's authorizer (…:API/authorizers/ID).
    const authorizer = new apigw.TokenAuthorizer(scope, 'Authorizer', {
      authorizerName: 'WildRydesToken',
      handler,
      identitySource: apigw.IdentitySource.header('Authorization'),
      validationRegex: JWT_SHAPE,
      resultsCacheTtl: Duration.seconds(authorizerCacheTtl),
    });
    return { authorizationType: apigw.AuthorizationType.CUSTOM, authorizer };
  },
  acknowledgements: [
    {
      id: 'AwsSolutions-COG4',
      reason:
        'authMode=lambda protects the method with a Lambda TOKEN authorizer that verifies the Cognito ID token itself (aws-jwt-verify: signature, issuer, client, expiry, token use) and denies suspended riders.',
    },
  ],
};

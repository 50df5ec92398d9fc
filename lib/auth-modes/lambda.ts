import { Duration, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { fileURLToPath } from 'node:url';
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
  methodOptions: (scope, { userPool, userPoolClient, authorizerCacheTtl, rideFunction, removalPolicy }) => {
    const logGroup = new logs.LogGroup(scope, 'AuthorizerLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy });
    // Its own role: it writes its own logs and nothing else (the library fetches the public JWKS over HTTPS, no AWS call).
    const role = new iam.Role(scope, 'AuthorizerRole', {
      description: 'Runs the Wild Rydes token authorizer: writes its own logs, nothing else',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));

    // The same runtime and architecture as the ride function, whatever the stack moves that one to.
    const runtime = rideFunction.runtime;
    const handler = new nodejs.NodejsFunction(scope, 'AuthorizerFunction', {
      description: 'Verifies the rider\'s Cognito ID token for POST /ride and returns a policy',
      entry: fileURLToPath(new URL('../../lambda/authorizer/handler.ts', import.meta.url)),
      handler: 'handler',
      runtime,
      architecture: rideFunction.architecture,
      memorySize: 256,
      timeout: Duration.seconds(5),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        USER_POOL_ID: userPool.userPoolId,
        USER_POOL_CLIENT_ID: userPoolClient.userPoolClientId,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: runtime.name.replace(/^nodejs(\d+)\.x$/, 'node$1'),
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        externalModules: [],
        mainFields: ['module', 'main'],
      },
    });
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The authorizer runs the runtime of the ride function (the project\'s target Node.js LTS); moving to a newer major is a deliberate, tested change for both.',
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

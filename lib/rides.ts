import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THROTTLE, type ThrottleSettings } from './access-config.js';
import type { AuthMode } from './auth-mode.js';
import { AUTH_MODE_WIRING, type AuthModeWiring } from './auth-modes/index.js';

/** The headers a browser may send on POST /ride: what Amplify sends with a token or a SigV4 signature. */
export const CORS_ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-User-Agent'];
export const STAGE_NAME = 'prod';

export interface RidesProps {
  /** How POST /ride is protected; the wiring of each mode is in lib/auth-modes/. */
  readonly authMode: AuthMode;
  /** The user pool whose ID tokens the `cognito` mode accepts. */
  readonly userPool: cognito.IUserPool;
  /** Origins allowed to call the API from a browser; `['*']` for any. */
  readonly allowedOrigins: readonly string[];
  /** Keep the rides table when the stack is destroyed. */
  readonly retainData: boolean;
  /**
   * The stage's throttling (`-c throttle=RATE,BURST`).
   * @default - 50 requests per second, burst 100
   */
  readonly throttle?: ThrottleSettings;
  /**
   * `-c apiKeys=true`: POST /ride requires an API key, and browsers may send X-Api-Key.
   * @default false
   */
  readonly apiKeyRequired?: boolean;
  /**
   * `-c waf=true`: a web ACL is on the stage (lib/api-access.ts), so APIG3 needs no acknowledgement.
   * @default false
   */
  readonly webAclOnStage?: boolean;
}

/**
 * Booking rides: the table, the function that books a ride, and the REST API
 * in front of it, protected as the auth mode says.
 */
export class Rides extends Construct {
  readonly table: dynamodb.Table;
  readonly function: nodejs.NodejsFunction;
  readonly api: apigw.RestApi;
  readonly rideMethod: apigw.Method;

  constructor(scope: Construct, id: string, props: RidesProps) {
    super(scope, id);
    const authWiring = AUTH_MODE_WIRING[props.authMode];
    const throttle = props.throttle ?? DEFAULT_THROTTLE;
    const allowedHeaders = props.apiKeyRequired ? [...CORS_ALLOWED_HEADERS, 'X-Api-Key'] : CORS_ALLOWED_HEADERS;
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'RideId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retainData,
      removalPolicy,
    });

    const functionLogs = new logs.LogGroup(this, 'FunctionLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to every log group in the account.
    const functionRole = new iam.Role(this, 'FunctionRole', {
      description: 'Runs the Wild Rydes ride function: writes its own logs and puts rides, nothing else',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    functionRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [functionLogs.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'RequestUnicorn', {
      description: 'Books a unicorn ride for POST /ride',
      entry: fileURLToPath(new URL('../lambda/ride/handler.ts', import.meta.url)),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      role: functionRole,
      logGroup: functionLogs,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        TABLE_NAME: this.table.tableName,
        ALLOWED_ORIGINS: props.allowedOrigins.join(','),
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle the SDK rather than use the runtime's copy: the version we test is the version we ship.
        externalModules: [],
        // The SDK's ES module builds tree-shake far better (about 350 kB instead of 550 kB minified).
        mainFields: ['module', 'main'],
        // Some SDK dependencies still call require(); give ESM output a require of its own.
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime this project targets (bundle target node22) and an LTS supported by Lambda; moving to a newer major is a deliberate, tested change.',
    });
    // Least privilege: the function only ever puts new rides.
    functionRole.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [this.table.tableArn] }));

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: 'WildRydes',
      description: `Wild Rydes API (authMode=${props.authMode})`,
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Execution logging would need an account-wide role; see the APIG6 acknowledgement below.
      cloudWatchRole: false,
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
      },
    });

    // The stack outputs ApiUrl itself; RestApi's own generic "Endpoint" output would only duplicate it.
    this.api.node.tryRemoveChild('Endpoint');

    const corsOrigin = props.allowedOrigins.includes('*') ? ['*'] : [...props.allowedOrigins];
    const ride = this.api.root.addResource('ride', {
      defaultCorsPreflightOptions: {
        allowOrigins: corsOrigin,
        allowHeaders: allowedHeaders,
        allowMethods: ['OPTIONS', 'POST'],
        maxAge: Duration.hours(1),
      },
    });

    this.rideMethod = ride.addMethod(
      'POST',
      new apigw.LambdaIntegration(this.function, { proxy: true, allowTestInvoke: false }),
      { ...authWiring.methodOptions(this, { userPool: props.userPool }), ...(props.apiKeyRequired ? { apiKeyRequired: true } : {}) },
    );

    // Without CORS headers on API Gateway's own errors, a browser hides a 401/403 as a network error.
    const errorCors = gatewayResponseCors(props.allowedOrigins, allowedHeaders);
    this.api.addGatewayResponse('Default4xx', { type: apigw.ResponseType.DEFAULT_4XX, responseHeaders: errorCors });
    this.api.addGatewayResponse('Default5xx', { type: apigw.ResponseType.DEFAULT_5XX, responseHeaders: errorCors });

    this.acknowledgeFindings(authWiring, ride, throttle, props.webAclOnStage === true);
  }

  /** The execute-api ARN of `POST /ride` on the stage: what the identity pool's role may invoke. */
  get rideInvokeArn(): string {
    return this.api.arnForExecuteApi('POST', '/ride', STAGE_NAME);
  }

  /** Lets a principal invoke `POST /ride` of this API, and nothing else (the workshop's StandardUserPolicy). */
  grantInvokeRide(role: iam.IRole): iam.Policy {
    const policy = new iam.Policy(this, 'StandardUserPolicy', {
      statements: [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [this.rideInvokeArn] })],
    });
    policy.attachToRole(role);
    return policy;
  }

  private acknowledgeFindings(authWiring: AuthModeWiring, ride: apigw.Resource, throttle: ThrottleSettings, webAclOnStage: boolean): void {
    const stage = this.api.deploymentStage;
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The ride function validates the body itself so that each mistake gets its own message (missing PickupLocation, latitude out of range...); an API Gateway model would answer every case with one generic "Invalid request body".',
    });
    if (!webAclOnStage) {
      Validations.of(stage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: `AWS WAF is billed per web ACL per month; a workshop stack must cost nothing while idle (-c waf=true adds one). Stage throttling (${throttle.rateLimit} rps, burst ${throttle.burstLimit}) bounds abuse.`,
      });
    }
    Validations.of(stage).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs the account-wide API Gateway CloudWatch role, a regional setting shared by every API of the account that a workshop stack should not take over. Access logs are on for the stage.',
    });
    const preflight = ride.node.tryFindChild('OPTIONS');
    if (preflight) {
      for (const id of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
        Validations.of(preflight).acknowledge({
          id,
          reason: 'A CORS preflight (OPTIONS) is sent by browsers without credentials by design; it is a mock integration that reaches no backend.',
        });
      }
    }
    // What the auth mode leaves open, with its reasons, lives with the mode (lib/auth-modes/).
    for (const acknowledgement of authWiring.acknowledgements) Validations.of(this.rideMethod).acknowledge(acknowledgement);
  }
}

/** Gateway-response headers: a literal origin, or the caller's origin when several are allowed (the function checks its own). */
function gatewayResponseCors(allowedOrigins: readonly string[], allowedHeaders: readonly string[]): Record<string, string> {
  const origin = allowedOrigins.includes('*')
    ? "'*'"
    : allowedOrigins.length === 1
      ? `'${allowedOrigins[0]}'`
      : 'method.request.header.Origin';
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Headers': `'${allowedHeaders.join(',')}'`,
  };
}

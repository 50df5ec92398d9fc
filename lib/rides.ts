import { CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { nodeFunction } from './node-function.js';
import { DEFAULT_THROTTLE, type ThrottleSettings } from './access-config.js';
import type { AuthMode } from './auth-mode.js';
import { AUTH_MODE_WIRING, type AuthModeWiring } from './auth-modes/index.js';
import { addRideIndexes } from './ride-indexes.js';
import { RideQueries } from './ride-queries.js';

/** What a signed-in rider may invoke (method and path of the execute-api ARN): book, list their rides, read one. */
export const RIDER_OPERATIONS: readonly (readonly [string, string])[] = [
  ['POST', '/ride'],
  ['GET', '/rides'],
  ['GET', '/rides/*'],
];
/** What a dispatcher may invoke besides. */
export const DISPATCHER_OPERATIONS: readonly (readonly [string, string])[] = [...RIDER_OPERATIONS, ['GET', '/dispatch/rides']];

/** The headers a browser may send on POST /ride: what Amplify sends with a token or a SigV4 signature. */
export const CORS_ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-User-Agent'];
export const STAGE_NAME = 'prod';

export interface RidesProps {
  /** How POST /ride is protected; the wiring of each mode is in lib/auth-modes/. */
  readonly authMode: AuthMode;
  /** The user pool whose ID tokens the `cognito` mode accepts. */
  readonly userPool: cognito.IUserPool;
  /** The website's app client, whose ID tokens the `lambda` mode's authorizer accepts. */
  readonly userPoolClient: cognito.IUserPoolClient;
  /** Seconds a Lambda authorizer's answer is cached per token (`lambda` mode). */
  readonly authorizerCacheTtl: number;
  /** Origins allowed to call the API from a browser; `['*']` for any. */
  readonly allowedOrigins: readonly string[];
  /** Keep the rides table when the stack is destroyed. */
  readonly retainData: boolean;
  /** Turn on the stage's access logs (needs the region's API Gateway CloudWatch Logs role; see below). */
  readonly accessLogs: boolean;
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
  /** GET /rides, GET /rides/{rideId}, GET /dispatch/rides and their functions. */
  readonly queries: RideQueries;

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
    addRideIndexes(this.table);

    const { function: fn, role: functionRole } = nodeFunction(this, 'RequestUnicorn', {
      description: 'Books a unicorn ride for POST /ride',
      roleDescription: 'Runs the Wild Rydes ride function: writes its own logs and puts rides, nothing else',
      entry: fileURLToPath(new URL('../lambda/ride/handler.ts', import.meta.url)),
      environment: { TABLE_NAME: this.table.tableName, ALLOWED_ORIGINS: props.allowedOrigins.join(',') },
      removalPolicy,
      // The ids the function's log group and role had before lib/node-function.ts: same logical ids.
      ids: { logs: 'FunctionLogs', role: 'FunctionRole' },
    });
    this.function = fn;
    // Least privilege: the function only ever puts new rides.
    functionRole.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [this.table.tableArn] }));

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: 'WildRydes',
      description: `Wild Rydes API (authMode=${props.authMode})`,
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Both kinds of stage logging, execution AND access logs, need the account's API Gateway
      // CloudWatch Logs role (API Gateway developer guide, "Set up CloudWatch logging for REST APIs",
      // "Permissions for CloudWatch logging"): until the region's account settings name one, creating
      // a stage with AccessLogSetting fails with "CloudWatch Logs role ARN must be set in account
      // settings to enable logging". That role is one per account and region (AWS::ApiGateway::Account:
      // "you should only have one ... per region per account"), shared by every API there, and
      // CloudFormation cannot give back the previous value on delete. So the stack never sets it, and
      // access logs are opt-in (-c accessLogs=true) for accounts where it is already set.
      cloudWatchRole: false,
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        ...(props.accessLogs ? accessLogOptions(this, removalPolicy) : {}),
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

    // Made once and shared by every method: a mode's authorizer is one construct, whatever it protects.
    const methodOptions: apigw.MethodOptions = {
      ...authWiring.methodOptions(this, {
        userPool: props.userPool,
        userPoolClient: props.userPoolClient,
        authorizerCacheTtl: props.authorizerCacheTtl,
        removalPolicy,
      }),
      ...(props.apiKeyRequired ? { apiKeyRequired: true } : {}),
    };
    this.rideMethod = ride.addMethod('POST', new apigw.LambdaIntegration(this.function, { proxy: true, allowTestInvoke: false }), methodOptions);

    this.queries = new RideQueries(this, 'Queries', {
      api: this.api,
      table: this.table,
      authMode: props.authMode,
      methodOptions,
      acknowledgements: authWiring.acknowledgements,
      cors: { allowOrigins: corsOrigin, allowHeaders: [...allowedHeaders] },
      allowedOrigins: props.allowedOrigins,
      removalPolicy,
    });

    // Without CORS headers on API Gateway's own errors, a browser hides a 401/403 as a network error.
    const errorCors = gatewayResponseCors(props.allowedOrigins, allowedHeaders);
    this.api.addGatewayResponse('Default4xx', { type: apigw.ResponseType.DEFAULT_4XX, responseHeaders: errorCors });
    this.api.addGatewayResponse('Default5xx', { type: apigw.ResponseType.DEFAULT_5XX, responseHeaders: errorCors });

    this.acknowledgeFindings(authWiring, ride, props.accessLogs, throttle, props.webAclOnStage === true);
  }

  /** The execute-api ARN of `POST /ride` on the stage: what the identity pool's role may invoke. */
  get rideInvokeArn(): string {
    return this.api.arnForExecuteApi('POST', '/ride', STAGE_NAME);
  }

  /**
   * Lets a principal invoke the rider methods of this API (POST /ride, GET /rides, GET /rides/*),
   * and nothing else (the workshop's StandardUserPolicy, grown by the read methods).
   */
  grantInvokeRide(role: iam.IRole): iam.Policy {
    return this.invokePolicy('StandardUserPolicy', role, RIDER_OPERATIONS);
  }

  /** Lets a principal invoke the rider methods and GET /dispatch/rides: the dispatchers' role. */
  grantInvokeDispatch(role: iam.IRole): iam.Policy {
    return this.invokePolicy('DispatcherPolicy', role, DISPATCHER_OPERATIONS);
  }

  private invokePolicy(id: string, role: iam.IRole, operations: readonly (readonly [string, string])[]): iam.Policy {
    const resources = operations.map(([verb, path]) => this.api.arnForExecuteApi(verb, path, STAGE_NAME));
    const policy = new iam.Policy(this, id, { statements: [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources })] });
    policy.attachToRole(role);
    const apiId = Stack.of(this).getLogicalId(this.api.node.defaultChild as CfnElement);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiId}>/${STAGE_NAME}/GET/rides/*]`,
      reason: 'The * stands for the ride id of GET /rides/{rideId} (an execute-api ARN names the path as requested); the function answers only the caller\'s own rides.',
    });
    return policy;
  }

  private acknowledgeFindings(authWiring: AuthModeWiring, ride: apigw.Resource, accessLogs: boolean, throttle: ThrottleSettings, webAclOnStage: boolean): void {
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
        'Execution logging needs the account-wide API Gateway CloudWatch role, a regional setting shared by every API of the account that a workshop stack should not take over.',
    });
    if (!accessLogs) {
      Validations.of(stage).acknowledge({
        id: 'AwsSolutions-APIG1',
        reason:
          'Access logs need the same account-wide CloudWatch role as execution logs, which a fresh workshop account lacks; they are opt-in with -c accessLogs=true where the role is set. The function logs every ride.',
      });
    }
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

/** The stage's JSON access logs, into a log group of the stack's own. */
function accessLogOptions(scope: Construct, removalPolicy: RemovalPolicy): Pick<apigw.StageOptions, 'accessLogDestination' | 'accessLogFormat'> {
  const accessLogs = new logs.LogGroup(scope, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy });
  return {
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
  };
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
    // A refusal's request id is readable by the page too (the request inspector; the local "Why?" panel).
    'Access-Control-Expose-Headers': "'x-amzn-RequestId,x-amz-apigw-id'",
  };
}

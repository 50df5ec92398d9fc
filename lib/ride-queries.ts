import { Duration, RemovalPolicy, Validations, type Acknowledgment } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { AuthMode } from './auth-mode.js';
import { nodeFunction } from './node-function.js';
import { RIDE_INDEXES } from './ride-indexes.js';

export interface RideQueriesProps {
  /** The API the methods are added to. */
  readonly api: apigw.RestApi;
  /** The rides table, with the indexes of lib/ride-indexes.ts. */
  readonly table: dynamodb.Table;
  /** The auth mode: the dispatch function enforces the `dispatchers` group where API Gateway cannot. */
  readonly authMode: AuthMode;
  /** How every method is protected: the same options as POST /ride (its mode's authorizer, API key). */
  readonly methodOptions: apigw.MethodOptions;
  /** The cdk-nag findings the auth mode leaves on a protected method, with its reasons. */
  readonly acknowledgements: readonly Acknowledgment[];
  /** The CORS preflight answer of the new resources (origins and headers as for POST /ride). */
  readonly cors: { readonly allowOrigins: string[]; readonly allowHeaders: string[] };
  /** Origins the functions answer CORS for. */
  readonly allowedOrigins: readonly string[];
  /** What happens to the functions' log groups on `cdk destroy`. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Reading rides: GET /rides (the caller's own), GET /rides/{rideId} (one of
 * them) and GET /dispatch/rides (everyone's, for dispatchers). One small
 * function per operation, so that each role holds exactly what its operation
 * reads: `dynamodb:Query` on one index, or `dynamodb:GetItem` on the table.
 */
export class RideQueries extends Construct {
  readonly myRides: nodejs.NodejsFunction;
  readonly rideDetail: nodejs.NodejsFunction;
  readonly dispatchRides: nodejs.NodejsFunction;
  readonly methods: apigw.Method[] = [];

  constructor(scope: Construct, id: string, props: RideQueriesProps) {
    super(scope, id);
    const { table } = props;
    const common = { TABLE_NAME: table.tableName, ALLOWED_ORIGINS: props.allowedOrigins.join(',') };
    const make = (fnId: string, description: string, roleDescription: string, folder: string, environment: Record<string, string>) =>
      nodeFunction(this, fnId, {
        description,
        roleDescription,
        entry: fileURLToPath(new URL(`../lambda/${folder}/handler.ts`, import.meta.url)),
        environment: { ...common, ...environment },
        removalPolicy: props.removalPolicy,
      });

    const mine = make('MyRides', "Lists the caller's own rides for GET /rides", 'Runs GET /rides: queries the rides table\'s ByRider index, nothing else', 'my-rides', {
      INDEX_NAME: RIDE_INDEXES.byRider.indexName,
    });
    mine.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${RIDE_INDEXES.byRider.indexName}`] }));
    this.myRides = mine.function;

    const detail = make('RideDetail', "Answers one of the caller's rides for GET /rides/{rideId}", 'Runs GET /rides/{rideId}: gets one item of the rides table, nothing else', 'ride-detail', {});
    detail.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
    this.rideDetail = detail.function;

    const dispatch = make('DispatchRides', "Lists every rider's rides for GET /dispatch/rides (dispatchers only)", 'Runs GET /dispatch/rides: queries the rides table\'s ByTime index, nothing else', 'dispatch-rides', {
      INDEX_NAME: RIDE_INDEXES.byTime.indexName,
      AUTH_MODE: props.authMode,
    });
    dispatch.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${RIDE_INDEXES.byTime.indexName}`] }));
    this.dispatchRides = dispatch.function;

    const preflight: apigw.CorsOptions = { ...props.cors, allowMethods: ['OPTIONS', 'GET'], maxAge: Duration.hours(1) };
    // {rideId} inherits the preflight of /rides (CDK passes defaultCorsPreflightOptions down to child resources).
    const rides = props.api.root.addResource('rides', { defaultCorsPreflightOptions: preflight });
    const oneRide = rides.addResource('{rideId}');
    // /dispatch has no method of its own, so no preflight either.
    const dispatchRides = props.api.root.addResource('dispatch').addResource('rides', { defaultCorsPreflightOptions: preflight });

    const integration = (fn: nodejs.NodejsFunction) => new apigw.LambdaIntegration(fn, { proxy: true, allowTestInvoke: false });
    this.methods.push(
      rides.addMethod('GET', integration(this.myRides), props.methodOptions),
      oneRide.addMethod('GET', integration(this.rideDetail), props.methodOptions),
      dispatchRides.addMethod('GET', integration(this.dispatchRides), props.methodOptions),
    );

    for (const method of this.methods) for (const acknowledgement of props.acknowledgements) Validations.of(method).acknowledge(acknowledgement);
    for (const resource of [rides, oneRide, dispatchRides]) {
      const options = resource.node.tryFindChild('OPTIONS');
      if (!options) continue;
      for (const findingId of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
        Validations.of(options).acknowledge({
          id: findingId,
          reason: 'A CORS preflight (OPTIONS) is sent by browsers without credentials by design; it is a mock integration that reaches no backend.',
        });
      }
    }
  }
}

import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * The newest Node.js runtime that both Lambda and the installed aws-cdk-lib know. Node.js 22
 * is deprecated by Lambda on 2027-04-30; 24 is the next LTS. The bundle's esbuild target follows it.
 * The local cloud runs functions on this machine's Node (local/README.md).
 */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;
export const NODE_BUNDLE_TARGET = 'node24';

export interface NodeFunctionProps {
  /** What the function does (its Lambda description). */
  readonly description: string;
  /** What its role may do, for whoever reads the role in the console. */
  readonly roleDescription: string;
  /** The TypeScript file exporting `handler`. */
  readonly entry: string;
  /**
   * The function's environment variables (NODE_OPTIONS=--enable-source-maps is always added).
   * @default - only NODE_OPTIONS
   */
  readonly environment?: Record<string, string>;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** What happens to the log group on `cdk destroy` (the stack's data policy). */
  readonly removalPolicy: RemovalPolicy;
  /**
   * Construct ids of the log group and the role, created next to the function in `scope`.
   * @default `${id}Logs` and `${id}Role`
   */
  readonly ids?: { readonly logs: string; readonly role: string };
}

export interface NodeFunctionParts {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
}

/**
 * One of the app's own functions, as every one of them should be: Node.js 24 on ARM64, bundled as
 * minified ESM with the SDK inside, JSON logs into a log group the stack owns (a retention, and gone
 * on destroy unless the data is retained), and a role of its own that may write those logs and
 * nothing else until granted more. Grant the rest on `role`.
 */
export function nodeFunction(scope: Construct, id: string, props: NodeFunctionProps): NodeFunctionParts {
  const ids = props.ids ?? { logs: `${id}Logs`, role: `${id}Role` };
  const logGroup = new logs.LogGroup(scope, ids.logs, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: props.removalPolicy });
  // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to every log group in the account.
  const role = new iam.Role(scope, ids.role, { description: props.roleDescription, assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));

  const fn = new nodejs.NodejsFunction(scope, id, {
    description: props.description,
    entry: props.entry,
    handler: 'handler',
    runtime: NODE_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize ?? 256,
    timeout: props.timeout ?? Duration.seconds(10),
    role,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    bundling: {
      format: nodejs.OutputFormat.ESM,
      target: NODE_BUNDLE_TARGET,
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
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason: 'nodejs24.x is the newest Node.js runtime Lambda and aws-cdk-lib offer (NODE_RUNTIME in lib/node-function.ts).',
  });
  return { function: fn, role, logGroup };
}

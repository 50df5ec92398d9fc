import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAdminCredentials, writeAwsProfile, type AdminCredentials, type ProfileFiles } from './admin-credentials.js';
import { buildApiModels, createGateway } from './apigateway/index.js';
import { openUsagePlans } from './apigateway/usage-plans/index.js';
import { createTraceRoutes, TraceStore } from './apigateway/trace/index.js';
import { adminCaller, chainLookups, createRoleSessions, issuedCaller, type CallerLookup } from './callers.js';
import { writeFileAtomic } from './atomic-file.js';
import { createCognitoLocal, serveCognito, type CognitoLocal } from './cognito/index.js';
import { createTables } from './dynamodb/tables.js';
import { startDynamo } from './dynamodb/server.js';
import { startS3 } from './s3/index.js';
import { synthesizeCached } from './synth-cache.js';
import { lockDataDir } from './data-lock.js';
import { INTERNAL_ERROR } from './http/internal-error.js';
import { closeServer, listen } from './http/listen.js';
import { serveSafely } from './http/safe-listener.js';
import { createLambdaRunner } from './lambda/runner.js';
import { functionCodeChanges } from './watch/code-change.js';
import { localOutputs, localUrlOf, methodsRequireScopes, stackAllowedOrigins, websiteConfig, type StackOutputs } from './outputs.js';
import { createLocalStack, readStack, TemplateError, type LocalStack } from './template/index.js';
import { websiteHeadersFromStack } from './website-headers.js';
import { createWebsiteHandler } from './website-server.js';

export { DataDirInUseError } from './data-lock.js';
// The list of modes lives in lib/auth-mode.ts only; re-exported for this module's importers.
import type { AuthMode } from '../lib/auth-mode.js';
export { AUTH_MODES, type AuthMode } from '../lib/auth-mode.js';

export interface LocalCloudPorts {
  api?: number;
  cognito?: number;
  dynamodb?: number;
  website?: number;
  s3?: number;
}

export interface LocalCloudOptions {
  authMode: AuthMode;
  /** Context values for the synthesis, as `cdk synth -c key=value` (e.g. apiKeys, allowedSourceCidrs). */
  context?: Record<string, string>;
  /** Where users, credentials and rides are kept between starts. */
  dataDir: string;
  /** Interface to listen on; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 0 (the default for tests) picks a free port. */
  ports?: LocalCloudPorts;
  /** The stack to synthesize (`-c stackName`); the outputs file is keyed by it. Default: WildRydes. */
  stackName?: string;
  /** An already synthesized cloud assembly; when absent the app is synthesized (see `synthDir`). */
  assemblyDir?: string;
  /**
   * Where synthesized assemblies are kept, one per content hash of the app's sources and flags, so an
   * unchanged app is not synthesized again (local/synth-cache.ts). Default: `<dataDir>/cdk.out`.
   */
  synthDir?: string;
  /** The built website; `website/dist` of this project by default. */
  websiteDir?: string;
  /** Website settings that are not stack outputs: the map's tile URL ('' for none) and a demo speed-up. */
  websiteSettings?: { tileUrl?: string; demoSpeed?: number };
  /** Where to write the outputs file; `<dataDir>/outputs.json` by default. */
  outputsFile?: string;
  /** Service log lines (function output, refusals, failures). */
  log?: (line: string) => void;
  /** Progress of the long steps, for people watching a start. */
  progress?: (step: string) => void;
  /** Cognito's clock; tests move it to issue tokens and credentials that are already expired. */
  cognitoNow?: () => number;
  /** Execution environments per function (default 2). */
  maxInstancesPerFunction?: number;
  /**
   * Start the functions' first environments after "Ready" rather than before it (`npm start`: a warm
   * start is ready in about a second sooner). A request that arrives before they are up starts an
   * environment of its own, as concurrent requests do on Lambda. Default false: tests want every
   * function warm when the cloud is handed to them.
   */
  warmAfterReady?: boolean;
  /**
   * Start each function's first environment at start (default true). False: none is started until a
   * request needs one, as on Lambda after a deploy (a test file that calls one function of five does
   * not pay the other four start-ups, about 0.3 s of CPU each).
   */
  warmFunctions?: boolean;
}

export interface LocalCloudUrls {
  website: string;
  /** Base URL of the API's stage, ending with `/`: what ApiUrl says. */
  api: string;
  cognito: string;
  dynamodb: string;
  mailbox: string;
  /** The local S3 (path style; `http://<bucket>.localhost:PORT` works too). */
  s3: string;
}

export interface LocalCloud {
  stackName: string;
  authMode: AuthMode;
  /** `{ [stackName]: outputs }`, the shape of `cdk deploy --outputs-file`. */
  outputs: Record<string, StackOutputs>;
  outputsFile: string;
  urls: LocalCloudUrls;
  dataDir: string;
  /** The local administrator: the key Cognito's admin actions and every DynamoDB call must be signed with. */
  adminCredentials: AdminCredentials;
  /** The `wild-rydes-local` profile written under the data folder for the AWS CLI and SDKs. */
  awsProfile: ProfileFiles;
  /** The last API requests' decision traces (apigateway/trace/): the access log subscribes; `GET <website>/_local/requests` serves them. */
  traces: TraceStore;
  /** Function invocations so far, per logical id: how tests prove a refused request never reached the function. */
  invocations(): Record<string, number>;
  /**
   * `--watch` after a change under lambda/ (local/watch/code-change.ts): when the
   * assembly differs from the running one only in functions' code, those
   * functions' environments are replaced and their logical ids returned;
   * everything else keeps running. `undefined`: more changed, restart instead.
   */
  swapFunctionCode(assemblyDir: string): Promise<string[] | undefined>;
  close(): Promise<void>;
}

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A function's credentials, as Lambda hands them over in its environment: a
 * session of the function's own execution role (AWS::Lambda::Function `Role`),
 * so DynamoDB holds it to that role's policies. A function without a role gets none.
 */
function functionCredentials(stack: LocalStack, sessions: ReturnType<typeof createRoleSessions>, logicalId: string): Record<string, string> {
  const roleArn = stack.resolve<unknown>(stack.template.Resources[logicalId]?.Properties?.Role);
  if (typeof roleArn !== 'string') return {};
  const session = sessions.issue(roleArn, stack.physicalId(logicalId));
  return { AWS_ACCESS_KEY_ID: session.accessKeyId, AWS_SECRET_ACCESS_KEY: session.secretAccessKey, AWS_SESSION_TOKEN: session.sessionToken };
}

function urlOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Starts the whole stack on this machine from its synthesized template:
 * DynamoDB (dynalite, on disk), Cognito, the functions, API Gateway and the
 * website, each on its own port. Resolves when everything answers and the
 * outputs file is written.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const host = options.host ?? '127.0.0.1';
  const ports = options.ports ?? {};
  const log = options.log ?? (() => {});
  const progress = options.progress ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const outputsFile = resolve(options.outputsFile ?? join(dataDir, 'outputs.json'));
  mkdirSync(dataDir, { recursive: true });
  // First of all: a cloud already running on this folder keeps its outputs file and its data.
  const unlock = lockDataDir(dataDir);
  // A stale file would send waiting tools to a cloud that is not up yet.
  rmSync(outputsFile, { force: true });

  const closers: (() => Promise<void>)[] = [async () => unlock()];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        log(`stopping: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  try {
    let assemblyDir = options.assemblyDir;
    if (assemblyDir === undefined) {
      const flags = Object.entries(options.context ?? {}).map(([k, v]) => ` ${k}=${v}`).join('');
      const what = `authMode=${options.authMode}${flags}`;
      const context = { ...options.context, ...(options.stackName === undefined ? {} : { stackName: options.stackName }) };
      // One assembly per content hash of the app's sources and flags: an unchanged app starts without synthesizing.
      const synthesized = await synthesizeCached({
        authMode: options.authMode,
        context,
        cacheDir: resolve(options.synthDir ?? join(dataDir, 'cdk.out')),
        onSynthesize: () => progress(`Synthesizing the CDK app (${what})`),
      });
      if (synthesized.fromCache) progress(`Reusing the CDK app synthesized from the same sources (${what})`);
      assemblyDir = synthesized.assemblyDir;
    }
    const synthesized = readStack(assemblyDir);
    const stack = createLocalStack({ stackName: synthesized.stackName, template: synthesized.template, assemblyDir });
    const apis = buildApiModels(stack);
    if (apis.length !== 1) throw new TemplateError(`The local cloud serves exactly one REST API; the template has ${apis.length}`);
    const api = apis[0]!;

    // Who may sign calls to Cognito's admin actions and to DynamoDB: the local admin, the functions' role sessions, identity-pool credentials.
    const adminCredentials = loadAdminCredentials(dataDir);
    const admin = adminCaller(stack, adminCredentials);
    const sessions = createRoleSessions(stack);
    let cognito: CognitoLocal | undefined;
    const identityPoolCallers: CallerLookup = (id) => {
      const issued = cognito?.lookupCredentials(id);
      return issued && issuedCaller(issued);
    };
    const callers = chainLookups((id) => (id === admin.accessKeyId ? admin : undefined), sessions.lookup, identityPoolCallers);
    // Browsers may call Cognito from the local website's origin and the origins the stack names; known once the website listens.
    let allowedOrigins: readonly string[] = [];
    // The hosted UI's callback URLs name the website's CloudFront URL; mapped to the local website once it listens.
    let localUrl = (url: string) => url;

    progress(`Starting DynamoDB (dynalite) in ${join(dataDir, 'dynamodb')}`);
    const dynamo = await startDynamo({ dataDir, host, port: ports.dynamodb ?? 0, stack, lookup: callers, log });
    closers.push(() => dynamo.close());
    await createTables(stack, dynamo.endpoint, adminCredentials, progress);

    progress('Starting Cognito (user pools, identity pools, mailbox)');
    cognito = await createCognitoLocal({
      stack,
      dataDir,
      log,
      admin: adminCredentials,
      callers: sessions.lookup,
      allowedOrigins: () => allowedOrigins,
      localUrl: (url) => localUrl(url),
      ...(options.cognitoNow ? { now: options.cognitoNow } : {}),
    });
    closers.push(() => cognito.close());
    const cognitoServer = serveCognito(createServer(), cognito, log);
    const cognitoPort = await listen(cognitoServer, host, ports.cognito ?? 0, '--port-cognito');
    closers.push(() => closeServer(cognitoServer));
    const cognitoUrl = urlOf(host, cognitoPort);

    progress(`Starting S3 (objects in ${join(dataDir, 's3')})`);
    const s3 = await startS3({ stack, lookup: callers, dataDir, host, port: ports.s3 ?? 0, websiteOrigins: () => [...allowedOrigins], log });
    closers.push(() => s3.close());

    progress('Starting the functions and API Gateway');
    const runner = createLambdaRunner({
      stack,
      log,
      localEnvironment: (logicalId) => ({
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        ...functionCredentials(stack, sessions, logicalId),
        // The function targets Lambda's Node.js 22; this machine's older Node would make the SDK warn on every cold start.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      }),
      ...(options.maxInstancesPerFunction !== undefined ? { maxInstancesPerFunction: options.maxInstancesPerFunction } : {}),
      // A Lambda authorizer's aws-jwt-verify fetches the pool's JWKS from Cognito's public URL: served here (local/README.md).
      cognitoEndpoint: cognitoUrl,
    });
    closers.push(() => runner.close());
    // API keys and quota counts are kept in the data folder: a restart keeps the key and what it has used.
    const usagePlans = openUsagePlans(stack, api.id, dataDir);
    const traces = new TraceStore();
    const gateway = createGateway({ stack, api, provider: cognito, invoker: runner, log, usagePlans, traces });
    const apiServer = serveSafely(createServer(), gateway, { service: 'api', internalError: INTERNAL_ERROR.api, log });
    const apiPort = await listen(apiServer, host, ports.api ?? 0, '--port-api');
    closers.push(() => closeServer(apiServer));
    const stageName = api.stages.keys().next().value ?? 'prod';

    const websiteServer: Server = createServer();
    const websitePort = await listen(websiteServer, host, ports.website ?? 0, '--port-website');
    closers.push(() => closeServer(websiteServer));
    const websiteUrl = urlOf(host, websitePort);
    allowedOrigins = [websiteUrl, `http://localhost:${websitePort}`, ...stackAllowedOrigins(stack)];
    localUrl = localUrlOf(stack, websiteUrl);

    const stackOutputs = localOutputs(stack, {
      apiBaseUrl: urlOf(host, apiPort),
      websiteUrl,
      cognitoUrl,
      dynamoDbUrl: dynamo.endpoint,
      s3Url: s3.endpoint,
      dataDir,
      admin: adminCredentials,
    });
    // The website's key (what the deployed stack's config.json gets at deploy time): ApiKey in the outputs file and config.json.
    if (usagePlans.keys.length > 0) stackOutputs.ApiKey = usagePlans.keys[0]!.value;
    const awsProfile = writeAwsProfile(dataDir, adminCredentials, { region: stack.region, cognitoUrl, dynamoDbUrl: dynamo.endpoint, s3Url: s3.endpoint });
    const config = { ...websiteConfig(stackOutputs), ...(methodsRequireScopes(stack) ? { requireScopes: true } : {}), ...options.websiteSettings };
    const headers = websiteHeadersFromStack(stack, { api: urlOf(host, apiPort), cognito: cognitoUrl, dynamodb: dynamo.endpoint, s3: s3.browserEndpoint }, log);
    const website = createWebsiteHandler({ distDir: options.websiteDir ?? join(PROJECT_ROOT, 'website', 'dist'), config: () => config, headers });
    // The request traces on the website's origin (same origin for the request inspector, nothing added to the API's paths).
    const traceRoutes = createTraceRoutes(traces);
    serveSafely(websiteServer, (req, res) => (traceRoutes(req, res) ? undefined : website(req, res)), { service: 'website', internalError: INTERNAL_ERROR.website, log });

    const functionIds = [...new Set(collectFunctions(api))];
    const warming = `${functionIds.length === 1 ? 'the function' : `${functionIds.length} functions`} (${functionIds.join(', ')})`;
    if (options.warmFunctions === false) {
      // Each function starts on its first request.
    } else if (options.warmAfterReady) {
      // Stopping meanwhile ends the warm-up with "the local cloud is stopping": nothing to report then.
      void runner.warm(functionIds).then(
        () => progress(`Warmed ${warming}`),
        () => undefined,
      );
    } else {
      progress(`Warming ${warming}`);
      await runner.warm(functionIds);
    }

    const outputs = { [stack.stackName]: stackOutputs };
    // Only this user may read it: it holds the local administrator's secret key (AdminSecretAccessKey).
    writeFileAtomic(outputsFile, `${JSON.stringify(outputs, null, 2)}\n`, 0o600);
    closers.push(async () => rmSync(outputsFile, { force: true }));

    let closing: Promise<void> | undefined;
    let running = synthesized.template;
    return {
      stackName: stack.stackName,
      authMode: options.authMode,
      outputs,
      outputsFile,
      dataDir,
      adminCredentials: { accessKeyId: adminCredentials.accessKeyId, secretAccessKey: adminCredentials.secretAccessKey },
      awsProfile,
      traces,
      invocations: () => runner.invocations(),
      swapFunctionCode: async (nextDir) => {
        const next = readStack(nextDir, stack.stackName);
        const changed = functionCodeChanges(running, next.template);
        if (changed === undefined || changed.length === 0) return changed;
        runner.swap(createLocalStack({ stackName: next.stackName, template: next.template, assemblyDir: nextDir }), changed);
        running = next.template;
        // As at start: the functions requests reach are warm before the reload is reported.
        await runner.warm(changed.filter((id) => functionIds.includes(id)));
        return changed;
      },
      urls: {
        website: websiteUrl,
        api: stackOutputs.ApiUrl ?? `${urlOf(host, apiPort)}/${stageName}/`,
        cognito: cognitoUrl,
        dynamodb: dynamo.endpoint,
        mailbox: `${cognitoUrl}/_local/mailbox`,
        s3: s3.endpoint,
      },
      close: () => (closing ??= closeAll()),
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The functions requests reach: integrations, and Lambda authorizers (warmed too, so a first request pays no cold start for either). */
function collectFunctions(api: ReturnType<typeof buildApiModels>[number]): string[] {
  const out: string[] = [];
  const walk = (node: typeof api.root) => {
    for (const method of node.methods.values()) {
      if (method.integration.type === 'AWS_PROXY') out.push(method.integration.functionLogicalId);
      const authorizer = method.authorizer as { functionLogicalId?: unknown } | undefined;
      if (typeof authorizer?.functionLogicalId === 'string') out.push(authorizer.functionLogicalId);
    }
    node.children.forEach(walk);
  };
  walk(api.root);
  return out;
}

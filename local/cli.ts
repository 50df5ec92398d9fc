import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AUTH_MODES, DEFAULT_AUTH_MODE, isAuthMode } from '../lib/auth-mode.js';
import { ConfigError } from '../lib/config-error.js';
import { accessLogLine, type AccessLogFormat } from './apigateway/trace/access-log.js';
import { startLocalCloud, type LocalCloud } from './cloud.js';
import { describeStartFailure, UsageError } from './errors.js';
import { startWatchLoop } from './watch/watch-loop.js';
import { readyBlock } from './ready-block.js';
import { buildWebsite, recordWebsiteBuild, websiteBuildReason, websiteInputsHash } from './website-build.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `npm start`: the whole stack on this machine, from the same template `cdk deploy` ships. */

const HELP = `Usage: npm start -- [options]

Starts Wild Rydes on this machine from the synthesized CDK stack: Cognito,
API Gateway, the ride function, DynamoDB and the website.

Options:
  --auth-mode <mode>      ${AUTH_MODES.join(' | ').padEnd(38)}(default: ${DEFAULT_AUTH_MODE})
  --stack-name <name>     the stack to synthesize, as -c stackName  (default: WildRydes)
  -c, --context <k=v>     a context value for the synthesis, as with cdk synth -c;
                          repeatable, e.g. -c apiKeys=true -c allowedSourceCidrs=127.0.0.1/32
  --data-dir <folder>     where users and rides are kept        (default: .wild-rydes/data)
  --host <address>        interface to listen on                (default: 127.0.0.1)
  --port-website <port>   the website                           (default: 3000)
  --port-api <port>       API Gateway                           (default: 3001)
  --port-cognito <port>   Cognito user and identity pools       (default: 3002)
  --port-dynamodb <port>  DynamoDB (dynalite)                   (default: 3003)
  --port-s3 <port>        S3 (the riders' photos)               (default: 3004)
                          0 picks a free port
  --demo-speed <n>        the map shows the unicorn n times faster  (default: 1)
  --tile-url <url>        map tiles, e.g. https://tile.example/{z}/{x}/{y}.png;
                          '' for none (the map still works offline)
  --assembly <folder>     serve an already synthesized cdk.out instead of synthesizing
  --quiet                 no access-log line per API request
  --log-format <f>        text | json: the access log as text or JSON lines (default: text)
  --watch                 reload on a change: bin/, lib/, lambda/, cdk.json re-synthesize
                          and restart the services (same ports, users and rides kept);
                          website/ rebuilds the site
  -h, --help              show this help
`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, got '${value}'`);
  return n;
}

/** `-c key=value`, as the CDK CLI reads it: the first `=` splits; a later value of one key wins. */
export function contextValues(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`-c expects key=value, got '${pair}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      'auth-mode': { type: 'string' },
      'stack-name': { type: 'string' },
      context: { type: 'string', short: 'c', multiple: true },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      'port-website': { type: 'string' },
      'port-api': { type: 'string' },
      'port-cognito': { type: 'string' },
      'port-dynamodb': { type: 'string' },
      'port-s3': { type: 'string' },
      assembly: { type: 'string' },
      'demo-speed': { type: 'string' },
      'tile-url': { type: 'string' },
      quiet: { type: 'boolean' },
      watch: { type: 'boolean' },
      'log-format': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const context = contextValues(values.context ?? []);
  const fromContext = context.authMode;
  if (fromContext !== undefined && values['auth-mode'] !== undefined && fromContext !== values['auth-mode']) {
    throw new UsageError(`--auth-mode ${values['auth-mode']} and -c authMode=${fromContext} disagree; give one`);
  }
  delete context.authMode;
  const authMode = values['auth-mode'] ?? fromContext ?? DEFAULT_AUTH_MODE;
  if (!isAuthMode(authMode)) throw new UsageError(`--auth-mode must be one of ${AUTH_MODES.join(', ')}, got '${authMode}'`);
  const demoSpeed = values['demo-speed'] === undefined ? undefined : Number(values['demo-speed']);
  if (demoSpeed !== undefined && !(Number.isFinite(demoSpeed) && demoSpeed > 0)) {
    throw new UsageError(`--demo-speed must be a positive number, got '${values['demo-speed']}'`);
  }
  const logFormat = values['log-format'] ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') throw new UsageError(`--log-format must be text or json, got '${logFormat}'`);
  return {
    help: values.help === true,
    quiet: values.quiet === true,
    watch: values.watch === true,
    logFormat: logFormat as AccessLogFormat,
    websiteSettings: {
      ...(demoSpeed !== undefined ? { demoSpeed } : {}),
      ...(values['tile-url'] !== undefined ? { tileUrl: values['tile-url'] } : {}),
    },
    authMode,
    stackName: values['stack-name'],
    context,
    dataDir: resolve(values['data-dir'] ?? join('.wild-rydes', 'data')),
    host: values.host ?? '127.0.0.1',
    assemblyDir: values.assembly,
    ports: {
      website: port(values['port-website'], 3000, '--port-website'),
      api: port(values['port-api'], 3001, '--port-api'),
      cognito: port(values['port-cognito'], 3002, '--port-cognito'),
      dynamodb: port(values['port-dynamodb'], 3003, '--port-dynamodb'),
      s3: port(values['port-s3'], 3004, '--port-s3'),
    },
  };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  // The CLI's own SDK clients (table creation) need not warn about this machine's Node; the functions target Node 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const buildReason = websiteBuildReason(join(PROJECT_ROOT, 'website'));
  if (buildReason) {
    process.stdout.write(`[${seconds()}] Building the website (${buildReason})…\n`);
    try {
      // Hashed before building: a file saved during the build makes the next start build again.
      const inputs = websiteInputsHash(join(PROJECT_ROOT, 'website'));
      await buildWebsite(PROJECT_ROOT, (line) => process.stdout.write(`  ${line}\n`));
      // The next start rebuilds only when a byte of its inputs changed (website-build.ts).
      recordWebsiteBuild(join(PROJECT_ROOT, 'website'), inputs);
    } catch (err) {
      process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }

  let cloud: LocalCloud;
  const cloudOptions: Parameters<typeof startLocalCloud>[0] = {
    authMode: args.authMode,
    context: { ...args.context },
    dataDir: args.dataDir,
    host: args.host,
    ports: args.ports,
    synthDir: resolve('.wild-rydes', 'cdk.out'),
    outputsFile: resolve('.wild-rydes', 'outputs.json'),
    warmAfterReady: true,
    websiteSettings: args.websiteSettings,
    ...(args.assemblyDir ? { assemblyDir: resolve(args.assemblyDir) } : {}),
    ...(args.stackName === undefined ? {} : { stackName: args.stackName }),
    progress: (step) => process.stdout.write(`[${seconds()}] ${step}…\n`),
    log: (line) => process.stdout.write(`  ${line}\n`),
  };
  try {
    cloud = await startLocalCloud(cloudOptions);
  } catch (err) {
    // A LocalCloudError or a bad context flag (ConfigError) is the person's to fix: its message alone. Anything else is a bug: its stack.
    process.stderr.write(`\nCould not start the local cloud: ${err instanceof ConfigError ? err.message : describeStartFailure(err)}\n`);
    return 1;
  }
  // One line per API request, with why for every refusal (apigateway/trace/).
  const printAccessLog = (c: LocalCloud) => {
    if (!args.quiet) c.traces.subscribe((trace) => process.stdout.write(`${accessLogLine(trace, args.logFormat)}\n`));
  };
  printAccessLog(cloud);
  const watching = args.watch
    ? startWatchLoop({
        projectRoot: PROJECT_ROOT,
        cloudOptions: { ...cloudOptions, progress: () => {} },
        cloud,
        onCloud: (next) => {
          cloud = next;
          printAccessLog(next);
        },
        print: (line) => process.stdout.write(`${line}\n`),
      })
    : undefined;
  process.stdout.write(`[${seconds()}] Ready.\n${readyBlock(cloud, existsSync(join(PROJECT_ROOT, 'website', 'dist', 'index.html')), args.host)}`);

  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        process.stderr.write(`${signal} again: stopping at once.\n`);
        process.exit(130);
      }
      stopping = true;
      process.stdout.write(`\n${signal}: stopping (finishing requests in flight, closing the data folder)…\n`);
      (watching ? watching.close() : Promise.resolve()).then(() => cloud.close()).then(resolveStop, (err: unknown) => {
        process.stderr.write(`While stopping: ${String(err)}\n`);
        resolveStop();
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  process.stdout.write('Stopped. Nothing was lost: the next start finds every user and ride.\n');
  return 0;
}

process.exitCode = await main();

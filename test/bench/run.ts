import { ConfirmSignUpCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthMode } from '../../local/cloud.js';
import type { CfnTemplate } from '../../local/template/index.js';
import { synthesize } from '../../local/synth.js';
import { signCall } from '../local/support/sigv4-client.js';
import { authorizerCosts } from './authorizers.js';
import { runLoad, type LoadRequest, type LoadResult } from './load.js';

/**
 * `npm run bench`: throughput and latency of POST /ride on this machine in
 * each auth mode, at a fixed concurrency, against the local cloud on
 * loopback. Bounded: at most TOTAL requests or MAX_SECONDS per measurement.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 6000);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const WARMUP = 500;
/** Measurements per mode, taken in rotating order. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PASSWORD = 'Unicorn-Rides-42!';
const BODY = JSON.stringify({ PickupLocation: { Latitude: 47.6062, Longitude: -122.3321 } });

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A signed-in rider: an ID token, and identity-pool credentials. */
async function rider(out: Record<string, string>) {
  const config = { region: out.Region!, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 };
  const idp = new CognitoIdentityProviderClient({ ...config, endpoint: out.UserPoolEndpoint! });
  const identity = new CognitoIdentityClient({ ...config, endpoint: out.IdentityPoolEndpoint! });
  const email = `bench-${Date.now()}@example.com`;
  await idp.send(new SignUpCommand({ ClientId: out.UserPoolClientId!, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
  const mail = (await (await fetch(out.MailboxUrl!)).json()) as { to: string; code: string }[];
  await idp.send(new ConfirmSignUpCommand({ ClientId: out.UserPoolClientId!, Username: email, ConfirmationCode: mail.filter((m) => m.to === email).at(-1)!.code }));
  const auth = await idp.send(new InitiateAuthCommand({ ClientId: out.UserPoolClientId!, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
  const idToken = auth.AuthenticationResult!.IdToken!;
  const issuer = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()).iss.replace(/^https:\/\//, '');
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: out.IdentityPoolId!, Logins: { [issuer]: idToken } }));
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [issuer]: idToken } }));
  idp.destroy();
  identity.destroy();
  return { idToken, credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! } };
}

/** The request each mode's client sends, prepared once (a SigV4 signature stays valid for five minutes). */
async function prepared(mode: AuthMode, out: Record<string, string>): Promise<LoadRequest> {
  const url = new URL('ride', out.ApiUrl);
  const base = { 'content-type': 'application/json', origin: out.WebsiteUrl! };
  if (mode === 'none') return { url, method: 'POST', headers: base, body: BODY };
  const who = await rider(out);
  if (mode === 'cognito') return { url, method: 'POST', headers: { ...base, authorization: who.idToken }, body: BODY };
  const call = await signCall(out.ApiUrl!, 'ride', who.credentials, { body: BODY, headers: { origin: out.WebsiteUrl! } });
  return { url, method: 'POST', headers: call.headers, body: BODY };
}

interface Running {
  mode: AuthMode;
  ride: LoadRequest;
  /** The server process's CPU time so far, in microseconds. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The stage's throttling (50 requests/s, burst 100) is enforced locally: left in,
 * most of the load would be 429s. The benchmark measures what a request costs the
 * local cloud, so its copy of the template has no stage throttling.
 */
function liftThrottling(assemblyDir: string): void {
  const file = join(assemblyDir, 'WildRydes.template.json');
  const template = JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::Stage') continue;
    for (const setting of (resource.Properties?.MethodSettings ?? []) as Record<string, unknown>[]) {
      delete setting.ThrottlingRateLimit;
      delete setting.ThrottlingBurstLimit;
    }
  }
  writeFileSync(file, JSON.stringify(template));
}

/** A local cloud for one mode in its own process, its prepared request, warmed up. */
async function start(mode: AuthMode): Promise<Running> {
  const outdir = mkdtempSync(join(tmpdir(), `wr-bench-asm-${mode}-`));
  say(`[${mode}] synthesizing the stack and starting its local cloud in its own process…`);
  const { assemblyDir } = await synthesize({ authMode: mode, outdir });
  liftThrottling(assemblyDir);
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [mode, assemblyDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<any>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`[${mode}] the server process exited (${code})`)));
    });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    }
    rmSync(outdir, { recursive: true, force: true });
  };
  try {
    const { outputs } = await next();
    const ride = await prepared(mode, outputs);
    const warm = await runLoad(ride, { concurrency: CONCURRENCY, total: WARMUP, maxSeconds: MAX_SECONDS });
    if (warm.statuses[201] !== warm.requests) throw new Error(`[${mode}] warm-up answered ${JSON.stringify(warm.statuses)}, expected only 201`);
    const cpu = async () => {
      const pending = next();
      child.send('cpu');
      return (await pending).cpu as number;
    };
    return { mode, ride, cpu, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A measurement plus the server's CPU time per request (µs): steadier than throughput on a shared 2-core machine. */
type Measured = LoadResult & { cpuPerRequest: number };

function median<T>(items: T[], by: (item: T) => number): T {
  return [...items].sort((a, b) => by(a) - by(b))[Math.floor(items.length / 2)]!;
}

const MODES = ['none', 'cognito', 'iam'] as const;
const running: Running[] = [];
const rounds = new Map<AuthMode, Measured[]>(MODES.map((m) => [m, []]));
let preflight: LoadResult | undefined;
try {
  for (const mode of MODES) running.push(await start(mode));
  // Rounds in rotating order, so that neither warm-up nor the tables growing favour a mode.
  const perRound = Math.ceil(TOTAL / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const order = running.map((_, i) => running[(i + round) % running.length]!);
    say(`round ${round + 1}/${ROUNDS}: ${perRound} requests per mode at concurrency ${CONCURRENCY} (${order.map((r) => r.mode).join(', ')})…`);
    for (const { mode, ride, cpu } of order) {
      const before = await cpu();
      const result = await runLoad(ride, { concurrency: CONCURRENCY, total: perRound, maxSeconds: MAX_SECONDS });
      const cpuPerRequest = ((await cpu()) - before) / result.requests;
      if (result.statuses[201] !== result.requests) throw new Error(`[${mode}] answered ${JSON.stringify(result.statuses)}, expected only 201`);
      rounds.get(mode)!.push({ ...result, cpuPerRequest });
    }
  }
  const none = running[0]!.ride;
  const preflightRequest: LoadRequest = {
    url: none.url,
    method: 'OPTIONS',
    headers: { origin: none.headers.origin!, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  };
  await runLoad(preflightRequest, { concurrency: CONCURRENCY, total: WARMUP, maxSeconds: MAX_SECONDS });
  preflight = await runLoad(preflightRequest, { concurrency: CONCURRENCY, total: TOTAL, maxSeconds: MAX_SECONDS });
} finally {
  for (const r of running) await r.stop();
}

/** Each mode's median round; CPU per request is the median over its rounds. */
const results = new Map<AuthMode, Measured>(
  MODES.map((m) => [m, { ...median(rounds.get(m)!, (r) => r.rps), cpuPerRequest: median(rounds.get(m)!, (r) => r.cpuPerRequest).cpuPerRequest }]),
);
const none = results.get('none')!;
const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
say('');
say(`POST /ride on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, concurrency ${CONCURRENCY}, loopback`);
say(`median of ${ROUNDS} interleaved rounds per mode`);
say('');
say('mode        req/s   p50 ms   p99 ms   vs none   server CPU µs/request');
for (const [mode, ride] of results) {
  const ratio = mode === 'none' ? '       —' : `${fmt((ride.rps / none.rps) * 100, 1)}%`;
  const cpuCost = mode === 'none' ? '' : ` (${signed(((ride.cpuPerRequest - none.cpuPerRequest) / none.cpuPerRequest) * 100)}%)`;
  say(`${mode.padEnd(8)}${fmt(ride.rps, 0)} ${fmt(ride.p50, 2)} ${fmt(ride.p99, 2)}  ${ratio}   ${fmt(ride.cpuPerRequest, 0)}${cpuCost}`);
}
say(`${'OPTIONS'.padEnd(8)}${fmt(preflight!.rps, 0)} ${fmt(preflight!.p50, 2)} ${fmt(preflight!.p99, 2)}   gateway-only floor (CORS preflight, no function)`);
say('');
const alone = await authorizerCosts();
say(`authorizers alone (in-process, the gateway's own code): cognito ${alone.cognito.toFixed(0)} µs, iam ${alone.iam.toFixed(0)} µs per request`);
say(`  = ${((alone.cognito / none.cpuPerRequest) * 100).toFixed(1)}% and ${((alone.iam / none.cpuPerRequest) * 100).toFixed(1)}% of the server CPU a request takes in none mode`);
say('');
let ok = true;
for (const mode of ['cognito', 'iam'] as const) {
  const cost = 1 - results.get(mode)!.rps / none.rps;
  const within = cost < 0.15;
  ok &&= within;
  const cpuCost = results.get(mode)!.cpuPerRequest / none.cpuPerRequest - 1;
  say(
    `${mode}: authorization costs ${(cost * 100).toFixed(1)}% of throughput; server CPU per request ${signed(cpuCost * 100)}% (goal: under 15%) ${within ? 'ok' : 'OVER GOAL'}`,
  );
}
process.exitCode = ok ? 0 : 1;

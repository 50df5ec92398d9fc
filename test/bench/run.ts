import { ConfirmSignUpCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type AuthMode, type LocalCloud } from '../../local/cloud.js';
import { synthesize } from '../../local/synth.js';
import { signCall } from '../local/support/sigv4-client.js';
import { runLoad, type LoadRequest, type LoadResult } from './load.js';

/**
 * `npm run bench`: throughput and latency of POST /ride on this machine in
 * each auth mode, at a fixed concurrency, against the local cloud on
 * loopback. Bounded: at most TOTAL requests or MAX_SECONDS per measurement.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 3000);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const WARMUP = 200;
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
async function prepared(mode: AuthMode, cloud: LocalCloud): Promise<LoadRequest> {
  const out = cloud.outputs[cloud.stackName]!;
  const url = new URL('ride', out.ApiUrl);
  const base = { 'content-type': 'application/json', origin: out.WebsiteUrl! };
  if (mode === 'none') return { url, method: 'POST', headers: base, body: BODY };
  const who = await rider(out);
  if (mode === 'cognito') return { url, method: 'POST', headers: { ...base, authorization: who.idToken }, body: BODY };
  const call = await signCall(out.ApiUrl!, 'ride', who.credentials, { body: BODY, headers: { origin: out.WebsiteUrl! } });
  return { url, method: 'POST', headers: call.headers, body: BODY };
}

async function measure(mode: AuthMode): Promise<{ ride: LoadResult; preflight: LoadResult }> {
  const outdir = mkdtempSync(join(tmpdir(), `wr-bench-asm-${mode}-`));
  const dataDir = mkdtempSync(join(tmpdir(), `wr-bench-data-${mode}-`));
  say(`[${mode}] synthesizing the stack…`);
  const { assemblyDir } = await synthesize({ authMode: mode, outdir });
  const cloud = await startLocalCloud({ authMode: mode, dataDir, assemblyDir, log: () => {} });
  try {
    const ride = await prepared(mode, cloud);
    const options = { concurrency: CONCURRENCY, total: WARMUP, maxSeconds: MAX_SECONDS };
    const warm = await runLoad(ride, options);
    if (warm.statuses[201] !== warm.requests) throw new Error(`[${mode}] warm-up answered ${JSON.stringify(warm.statuses)}, expected only 201`);
    say(`[${mode}] measuring POST /ride: ${TOTAL} requests at concurrency ${CONCURRENCY} (at most ${MAX_SECONDS}s)…`);
    const result = await runLoad(ride, { ...options, total: TOTAL });
    if (result.statuses[201] !== result.requests) throw new Error(`[${mode}] answered ${JSON.stringify(result.statuses)}, expected only 201`);
    const preflightRequest: LoadRequest = {
      url: ride.url,
      method: 'OPTIONS',
      headers: { origin: ride.headers.origin!, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    };
    await runLoad(preflightRequest, { ...options, total: WARMUP });
    const preflight = await runLoad(preflightRequest, { ...options, total: TOTAL });
    return { ride: result, preflight };
  } finally {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  }
}

const results = new Map<AuthMode, { ride: LoadResult; preflight: LoadResult }>();
for (const mode of ['none', 'cognito', 'iam'] as const) results.set(mode, await measure(mode));

const none = results.get('none')!.ride;
const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
say('');
say(`POST /ride on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, concurrency ${CONCURRENCY}, loopback`);
say('');
say('mode        req/s   p50 ms   p99 ms   vs none');
for (const [mode, { ride }] of results) {
  say(`${mode.padEnd(8)}${fmt(ride.rps, 0)} ${fmt(ride.p50, 2)} ${fmt(ride.p99, 2)}   ${mode === 'none' ? '       —' : `${fmt((ride.rps / none.rps) * 100, 1)}%`}`);
}
const floor = results.get('none')!.preflight;
say(`${'OPTIONS'.padEnd(8)}${fmt(floor.rps, 0)} ${fmt(floor.p50, 2)} ${fmt(floor.p99, 2)}   gateway-only floor (CORS preflight, no function)`);
say('');
let ok = true;
for (const mode of ['cognito', 'iam'] as const) {
  const cost = 1 - results.get(mode)!.ride.rps / none.rps;
  const within = cost < 0.15;
  ok &&= within;
  say(`${mode}: authorization costs ${(cost * 100).toFixed(1)}% of throughput (goal: under 15%) ${within ? 'ok' : 'OVER GOAL'}`);
}
process.exitCode = ok ? 0 : 1;

/**
 * What the Lambda authorizer adds to a request locally (authMode=lambda):
 * POST /ride with a real ID token, one request at a time, on the local cloud
 * from the real template, (a) with the result cache (TTL 300 s, the default:
 * the authorizer runs once, then API Gateway answers from its cache) and
 * (b) without it (TTL 0: the authorizer function runs on every request), and
 * (c) cognito mode as the baseline (the built-in user-pool authorizer).
 * A benchmark, not a test: run `npx tsx test/bench/lambda-authorizer.ts [requests]`.
 */
import { patchedAssembly, PICKUP, quickRider, removeAssemblies, startTestCloud, synthFor } from '../local/support/cloud.js';

const requests = Number(process.argv[2] ?? 200);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function measure(label: string, mode: 'lambda' | 'cognito', assemblyDir: string) {
  const t = await startTestCloud(mode, assemblyDir);
  try {
    const rider = await quickRider(t);
    const send = () => t.post('ride', { body: JSON.stringify(PICKUP), headers: { authorization: rider.idToken } });
    for (let i = 0; i < 20; i++) if ((await send()).status !== 201) throw new Error(`${label}: the warm-up request was refused`);
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = process.hrtime.bigint();
      const r = await send();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (r.status !== 201) throw new Error(`${label}: request ${i} answered ${r.status}`);
    }
    const invocations = t.cloud.invocations();
    return { label, ...stats(samples), invocations };
  } finally {
    await t.close();
  }
}

try {
  const lambdaAssembly = await synthFor('lambda');
  const uncached = patchedAssembly(lambdaAssembly, (template) => {
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type === 'AWS::ApiGateway::Authorizer') resource.Properties!.AuthorizerResultTtlInSeconds = 0;
    }
  });
  const cognitoAssembly = await synthFor('cognito');
  const results = [
    await measure('cognito (user-pool authorizer, baseline)', 'cognito', cognitoAssembly),
    await measure('lambda, cache TTL 300 s', 'lambda', lambdaAssembly),
    await measure('lambda, cache off (TTL 0)', 'lambda', uncached),
  ];
  const fmt = (n: number) => n.toFixed(2).padStart(7);
  console.log(`POST /ride, ${requests} sequential requests each, ms per request:`);
  for (const r of results) console.log(`  ${r.label.padEnd(42)} median ${fmt(r.median)}  p90 ${fmt(r.p90)}  mean ${fmt(r.mean)}   invocations ${JSON.stringify(r.invocations)}`);
  const [base, cached, uncachedResult] = results;
  console.log(`Lambda authorizer's added latency (median vs cognito): cached ${fmt(cached!.median - base!.median)} ms, uncached ${fmt(uncachedResult!.median - base!.median)} ms`);
} finally {
  removeAssemblies();
}

import { defineConfig } from 'vitest/config';

/**
 * One run, six levels. Each project names where its tests live so a level can
 * be run alone: `npx vitest run --project infra`.
 */
/**
 * The local-cloud and browser tests synthesize the app to run it, not to check it: CDK's built-in
 * CloudFormation validation (a WebAssembly linter, about 4 s of CPU to load in each process that
 * synthesizes) is off there, with CDK's own switch. The infra project keeps it, and
 * test/infra/synth-and-nag.test.ts fails on any finding of it for every mode and every access flag.
 */
const RUN_NOT_CHECK = { CDK_VALIDATION: 'false' };

const OWN_MODULE_GRAPH = [
  'test/local/lambda/**/*.test.ts',
  'test/local/apigateway/lambda-authorizer.test.ts',
  'test/local/apigateway/gateway-lambda.test.ts',
  'test/local/cognito/amplify.test.ts',
  'test/local/s3/amplify-storage.test.ts',
  'test/local/rider-iam.test.ts',
];

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is a single worker (cores - 1). Most local and browser tests wait on
    // servers, function processes and Chromium rather than compute, so three files at a time keep both
    // cores busy: the whole run takes about 5 minutes instead of 7 here.
    maxWorkers: 3,
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', isolate: false },
      },
      {
        test: { name: 'function', include: ['test/function/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        // Template tests only build fresh CDK apps: one module graph per worker loads aws-cdk-lib once,
        // instead of once per file (the infra project then takes half the time).
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], environment: 'node', isolate: false, testTimeout: 120_000, hookTimeout: 180_000 },
      },
      {
        // Local-cloud tests share one module graph per worker too (the SDK clients and the local cloud's
        // modules load once, not once per file: two thirds of this project's import time)...
        test: { name: 'local', include: ['test/local/**/*.test.ts'], exclude: OWN_MODULE_GRAPH, environment: 'node', env: RUN_NOT_CHECK, isolate: false, testTimeout: 60_000, hookTimeout: 180_000 },
      },
      {
        // ...except files that hold process-wide state: Amplify's singleton (configured and signed in per
        // file), and the functions built by hand that kill, starve or probe their own process, which failed
        // after other files in a shared graph.
        test: { name: 'local-isolated', include: OWN_MODULE_GRAPH, environment: 'node', env: RUN_NOT_CHECK, testTimeout: 60_000, hookTimeout: 180_000 },
      },
      {
        // Vite 8 transforms TSX with oxc; React 19's automatic runtime, no React import needed.
        oxc: { jsx: { runtime: 'automatic' } },
        test: { name: 'website', include: ['website/src/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          env: RUN_NOT_CHECK,
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // Browser suites run beside the other levels' files (maxWorkers above): run one at a time at
          // the end, they left a core idle for minutes.
        },
      },
    ],
  },
});

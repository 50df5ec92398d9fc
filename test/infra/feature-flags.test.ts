import { FeatureFlags } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildApp, cdkJsonContext } from '../../lib/wild-rydes-app.js';

const require = createRequire(import.meta.url);
/** The flags `cdk init` writes for the installed aws-cdk-lib: what this version recommends. */
const recommended = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8')) as Record<string, unknown>;
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('feature flags', () => {
  it('cdk.json sets every flag the installed aws-cdk-lib recommends, to the recommended value', () => {
    const context = cdkJsonContext();
    for (const [flag, value] of Object.entries(recommended)) expect([flag, context[flag]]).toEqual([flag, value]);
  });

  it('an in-process synth (the local cloud, the tests) runs with them, as `cdk synth` does', () => {
    const { stack } = buildApp({ websiteDir: null, context: { 'aws:cdk:bundling-stacks': [] } });
    for (const flag of ['@aws-cdk/aws-iam:minimizePolicies', '@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId']) {
      expect([flag, FeatureFlags.of(stack).isEnabled(flag)]).toEqual([flag, true]);
    }
  });

  it('a context value given to the app still wins over cdk.json (as -c does with the CLI)', () => {
    const { stack } = buildApp({ websiteDir: null, context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/aws-iam:minimizePolicies': false } });
    expect(FeatureFlags.of(stack).isEnabled('@aws-cdk/aws-iam:minimizePolicies')).toBe(false);
  });

  it('the CLI stays quiet and reports nothing: no notices, no telemetry, no CDKMetadata resource', () => {
    expect(cdkJson).toMatchObject({ notices: false, versionReporting: false });
    expect(cdkJsonContext()['cli-telemetry']).toBe(false);
  });
});

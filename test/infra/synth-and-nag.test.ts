import { CfnResource } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../lib/auth-mode.js';
import { buildApp } from '../../lib/wild-rydes-app.js';
import { synthesize } from '../../local/synth.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wild-rydes-synth-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface PluginReport {
  pluginName: string;
  violations: Array<{ ruleName: string }>;
}

function pluginReports(assemblyDir: string): PluginReport[] {
  return JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8')).pluginReports;
}

/**
 * The policy plugins' findings (cdk-nag). With `@aws-cdk/core:annotationsInValidationReport` the report
 * also lists the constructs' own warnings as a "Construct Annotations" plugin; those are checked apart.
 */
function nagViolations(assemblyDir: string): unknown[] {
  return pluginReports(assemblyDir)
    .filter((r) => r.pluginName !== 'Construct Annotations')
    .flatMap((r) => r.violations);
}

function annotationRules(assemblyDir: string): string[] {
  return pluginReports(assemblyDir)
    .filter((r) => r.pluginName === 'Construct Annotations')
    .flatMap((r) => r.violations.map((v) => v.ruleName));
}

describe('cdk-nag (AwsSolutions) runs on every synth', () => {
  it.each(AUTH_MODES)('%s: passes, every finding acknowledged with a reason', (mode) => {
    const outdir = tempDir();
    const { app } = buildApp({ outdir, websiteDir: null, context: { authMode: mode, 'aws:cdk:bundling-stacks': [] } });
    expect(() => app.synth()).not.toThrow();
    expect(nagViolations(outdir)).toEqual([]);
    // Without a website build the only warning is the placeholder page's.
    expect(annotationRules(outdir)).toEqual(['Annotation::wild-rydes:website-not-built']);
  });

  it('fails the synth on an unacknowledged finding (the check is live)', () => {
    const outdir = tempDir();
    const { app, stack } = buildApp({ outdir, websiteDir: null, context: { 'aws:cdk:bundling-stacks': [] } });
    new s3.Bucket(stack, 'UnencryptedLogsless');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
    const rules = (nagViolations(outdir) as Array<{ ruleName: string }>).map((v) => v.ruleName);
    expect(rules).toContain('AwsSolutions-S1');
  });
});

describe("CDK's CloudFormation validation runs on every synth", () => {
  // The local-cloud and browser tests switch it off (CDK_VALIDATION=false in vitest.config.ts): it is
  // checked here, on every mode above and with every access flag in api-access.test.ts.
  it('fails the synth on a property CloudFormation would refuse (the check is live)', () => {
    const outdir = tempDir();
    const { app, stack } = buildApp({ outdir, websiteDir: null, context: { 'aws:cdk:bundling-stacks': [] } });
    new CfnResource(stack, 'MistypedQueue', { type: 'AWS::SQS::Queue', properties: { VisibilityTimeout: 'soon' } });
    expect(() => app.synth()).toThrow(/VisibilityTimeout: 'soon' is not of type 'integer'/);
    const found = pluginReports(outdir).find((r) => r.pluginName === 'CloudFormation Validate');
    expect(found?.violations.map((v) => v.ruleName)).toEqual(['F3012']);
  });
});

describe('synthesis', () => {
  it('is deterministic and offline: the same inputs give the same template', () => {
    const a = tempDir();
    const b = tempDir();
    for (const outdir of [a, b]) buildApp({ outdir, websiteDir: null, context: { authMode: 'iam', 'aws:cdk:bundling-stacks': [] } }).app.synth();
    expect(readFileSync(join(a, 'WildRydes.template.json'), 'utf8')).toBe(readFileSync(join(b, 'WildRydes.template.json'), 'utf8'));
  });

  it('bundles the ride function as minified ESM with a source map', async () => {
    const outdir = tempDir();
    const { assemblyDir } = await synthesize({ authMode: 'cognito', outdir });
    const template = JSON.parse(readFileSync(join(assemblyDir, 'WildRydes.template.json'), 'utf8'));
    const fn = Object.values(template.Resources as Record<string, any>).find((r) => r.Properties?.Runtime === 'nodejs24.x' && r.Properties?.Description === 'Books a unicorn ride for POST /ride')!;
    const assetDir = join(assemblyDir, fn.Metadata['aws:asset:path']);
    expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code).toMatch(/export\s*\{[^}]*handler/);
    // Minified: few, long lines.
    expect(code.split('\n').length).toBeLessThan(200);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(statSync(join(assetDir, 'index.mjs')).size).toBeLessThan(1024 * 1024);
  });
});

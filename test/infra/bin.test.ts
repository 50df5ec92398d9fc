import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'wild-rydes-bin-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Runs the CDK app as `cdk synth` would: context in CDK_CONTEXT_JSON, output folder in CDK_OUTDIR. */
function runApp(context: Record<string, unknown>) {
  return spawnSync(join(root, 'node_modules/.bin/tsx'), ['bin/wild-rydes.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
  });
}

describe('bin/wild-rydes.ts', () => {
  // Each run is a process that loads aws-cdk-lib (seconds of CPU); what each flag accepts is checked
  // in-process by test/unit/lib/app-config.test.ts. Here: that the app prints a ConfigError plainly.
  it.each([
    [{ authMode: 'oauth' }, 'Unknown authMode "oauth". Valid values: none, cognito, iam'],
    [{ stackName: '1WildRydes' }, 'stackName: "1WildRydes" is not a CloudFormation stack name'],
  ])('a wrong flag %j is printed plainly, without a stack, and exits 1', (context, message) => {
    const run = runApp(context);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

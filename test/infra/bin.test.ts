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
  it.each([
    [{ authMode: 'oauth' }, 'Unknown authMode "oauth". Valid values: none, cognito, iam'],
    [{ retainData: 'yes' }, 'retainData: expected true or false, got "yes"'],
    [{ stackName: 'Wild Rydes' }, 'stackName: "Wild Rydes" is not a CloudFormation stack name'],
    [{ stackName: '1WildRydes' }, 'stackName: "1WildRydes" is not a CloudFormation stack name'],
    [{ accessLogs: 'on' }, 'accessLogs: expected true or false, got "on"'],
  ])('a wrong flag %j is printed plainly, without a stack, and exits 1', (context, message) => {
    const run = runApp(context);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

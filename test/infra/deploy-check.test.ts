import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DeployCheckError, REQUIRED_OUTPUTS, checkDeploy } from '../../lib/deploy-check.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wild-rydes-deploy-check-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A stand-in for website/dist: what matters to the check is that it is a real build folder. */
function fakeWebsite(): string {
  const dir = join(tempDir(), 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Wild Rydes</title><script src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("ride")');
  return dir;
}

describe('deploy rehearsal (npm run deploy:check)', () => {
  it('synthesizes as cdk deploy would and finds every asset and output, saying each step', () => {
    const lines: string[] = [];
    const result = checkDeploy({ websiteDir: fakeWebsite(), outdir: tempDir(), context: { stackName: 'WildRydes-ana', authMode: 'iam' }, progress: (l) => lines.push(l) });
    expect(result.stackName).toBe('WildRydes-ana');
    // The ride function, CDK's two helpers, the AWS CLI layer, the website, config.json (deploy-time data).
    expect(result.assets).toBeGreaterThanOrEqual(5);
    expect(lines).toContain('asset ready: Rides/RequestUnicorn/Code');
    expect(lines).toContain('the website build is among the assets');
    expect(lines).toContain(`outputs present: ${REQUIRED_OUTPUTS.join(', ')}`);
  });

  it('refuses without a website build, and says to build it', () => {
    const empty = tempDir();
    expect(() => checkDeploy({ websiteDir: empty, outdir: tempDir() })).toThrow(DeployCheckError);
    expect(() => checkDeploy({ websiteDir: empty, outdir: tempDir() })).toThrow(/run `npm run build:website` first/);
  });

  it('the command prints a wrong flag plainly, without a stack, and exits 1', () => {
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['bin/deploy-check.ts', '--skip-build', '-c', 'stackName=no spaces'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: tempDir() },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stackName: "no spaces" is not a CloudFormation stack name');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

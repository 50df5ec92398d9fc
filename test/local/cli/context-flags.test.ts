import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm start -- -c key=value`: context values for the synthesis, read as the CDK CLI reads them. */
const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const cwd = mkdtempSync(join(tmpdir(), 'wr-cli-context-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'local/cli.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((r) => child.on('exit', (code) => r({ code, output })));
}

describe('npm start -c key=value', () => {
  it('lists -c in its help, and refuses a pair without = or an auth mode given twice differently (usage, exit 2)', async () => {
    expect((await run(['--help'])).output).toContain('-c, --context <k=v>');
    const noValue = await run(['-c', 'apiKeys']);
    expect(noValue.code).toBe(2);
    expect(noValue.output).toContain("-c expects key=value, got 'apiKeys'");
    const twice = await run(['--auth-mode', 'iam', '-c', 'authMode=none']);
    expect(twice.code).toBe(2);
    expect(twice.output).toContain('--auth-mode iam and -c authMode=none disagree');
  });

  it('passes the values to the synthesis: a bad one is its ConfigError, printed without a stack (exit 1)', async () => {
    const bad = await run(['-c', 'apiKeys=maybe', '--data-dir', join(cwd, 'data'), '--port-website', '0', '--port-api', '0', '--port-cognito', '0', '--port-dynamodb', '0']);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('Synthesizing the CDK app (authMode=cognito apiKeys=maybe)');
    expect(bad.output).toContain('Could not start the local cloud: apiKeys: expected true or false, got "maybe"');
    expect(bad.output).not.toMatch(/\n\s+at /);
  });
});

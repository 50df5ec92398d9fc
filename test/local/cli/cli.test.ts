import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAssemblies, synthFor } from '../support/cloud.js';

/** `npm start` as a person runs it: a real process, real ports, real signals. */
const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

let assemblyDir: string;
let cwd: string;
beforeAll(async () => {
  assemblyDir = await synthFor('iam');
  cwd = mkdtempSync(join(tmpdir(), 'wr-cli-'));
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
  removeAssemblies();
});

function start(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'local/cli.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const freePorts = ['--port-website', '0', '--port-cognito', '0', '--port-dynamodb', '0'];

describe('npm start', () => {
  it('explains itself with --help, and refuses an unknown auth mode with the valid ones', async () => {
    const help = start(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain('--auth-mode <mode>      none | cognito | iam');
    const wrong = start(['--auth-mode', 'oauth']);
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toContain("--auth-mode must be one of none, cognito, iam, lambda, got 'oauth'");
    const slow = start(['--demo-speed', '0']);
    expect(await slow.exited).toBe(2);
    expect(slow.output()).toContain("--demo-speed must be a positive number, got '0'");
  });

  it('says which flag to use when a port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const run = start(['--assembly', assemblyDir, '--data-dir', join(cwd, 'busy'), '--port-api', String(taken), ...freePorts]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${taken} on 127.0.0.1 is already in use`);
      expect(run.output()).toContain('--port-api <port>');
      expect(run.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      blocker.close();
    }
  });

  it('prints a damaged data folder file as a plain message, the fix in it and no stack trace', async () => {
    const dataDir = join(cwd, 'damaged');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'admin-credentials.json'), 'not json');
    const run = start(['--assembly', assemblyDir, '--data-dir', dataDir, '--port-api', '0', ...freePorts]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Could not start the local cloud: ${join(dataDir, 'admin-credentials.json')} is not a pair of local administrator credentials; delete it to have new ones made`);
    expect(run.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('prints the ready block, writes the outputs file, and stops cleanly on SIGTERM', async () => {
    const run = start(['--auth-mode', 'iam', '--assembly', assemblyDir, '--data-dir', join(cwd, 'data'), '--port-api', '0', ...freePorts, '--demo-speed', '10', '--tile-url', '']);
    const outputsFile = join(cwd, '.wild-rydes', 'outputs.json');
    await until(() => existsSync(outputsFile) && run.output().includes('Press Ctrl-C to stop'), 30_000);
    const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')).WildRydes;
    expect(outputs).toMatchObject({ AuthMode: 'iam', ApiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/prod\/$/), MailboxUrl: expect.stringContaining('/_local/mailbox') });
    for (const label of ['Website', 'API', 'Auth mode', 'Codes arrive', 'Data folder']) expect(run.output()).toMatch(new RegExp(`\\n  ${label}\\s+\\S`));
    expect(run.output()).toContain(outputs.ApiUrl);
    // The website's config carries the stack's values plus the demo settings given on the command line.
    const config = await (await fetch(`${outputs.WebsiteUrl}/config.json`)).json();
    expect(config).toMatchObject({ authMode: 'iam', apiUrl: outputs.ApiUrl, userPoolId: outputs.UserPoolId, demoSpeed: 10, tileUrl: '' });
    // The API answers as API Gateway does before the process is told to stop.
    expect((await fetch(`${outputs.ApiUrl}ride`, { method: 'POST', body: '{}' })).status).toBe(403);
    // One access-log line per API request, with why it was refused.
    await until(() => run.output().includes('POST /prod/ride 403'), 5000);
    expect(run.output()).toMatch(/\n\d\d:\d\d:\d\d POST \/prod\/ride 403 \d+ms auth=iam who=anonymous id=[0-9a-f-]{36} — 403: no Authorization header — an AWS_IAM method takes only requests signed with SigV4/);
    // npm start is ready before its functions are warm (a warm start in about a second); they follow.
    await until(() => run.output().includes('Warmed 4 functions'), 15_000);
    expect(run.output().indexOf('Warmed 4 functions')).toBeGreaterThan(run.output().indexOf('Ready.'));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Stopped.');
    expect(existsSync(outputsFile)).toBe(false);
  });

  it('prints the access log as JSON lines with --log-format json, and none with --quiet', async () => {
    for (const flags of [['--log-format', 'json'], ['--quiet']]) {
      const data = join(cwd, `data-${flags[0]}`);
      const run = start(['--auth-mode', 'iam', '--assembly', assemblyDir, '--data-dir', data, '--port-api', '0', ...freePorts, ...flags]);
      await until(() => run.output().includes('Press Ctrl-C to stop'), 30_000);
      const apiUrl = /\n {2}API\s+(http\S+)/.exec(run.output())![1]!;
      const r = await fetch(`${apiUrl}nowhere`);
      expect(r.status).toBe(403);
      await new Promise((ok) => setTimeout(ok, 300));
      const lines = run.output().split('\n').filter((l) => l.startsWith('{'));
      if (flags[0] === '--quiet') expect(run.output()).not.toContain('/prod/nowhere');
      else {
        expect(lines.map((l) => JSON.parse(l))).toContainEqual(
          expect.objectContaining({ method: 'GET', path: '/prod/nowhere', status: 403, authMode: '-', who: 'anonymous', requestId: r.headers.get('x-amzn-requestid'), responseType: 'MISSING_AUTHENTICATION_TOKEN', why: expect.stringMatching(/^no resource of the API matches \/nowhere/) }),
        );
      }
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKPOINTS } from '../../../tools/checkpoint/checks/index.js';
import { checkpointMain } from '../../../tools/checkpoint/main.js';
import type { ToolIo } from '../../../tools/shared/command.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: ToolIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t) };
  return { code: await checkpointMain(argv, io), stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'wr-checkpoint-'));
const outputs = (name: string, stack: Record<string, string>) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ WildRydes: stack }));
  return file;
};
const STACK = { ApiUrl: 'http://127.0.0.1:9/prod/', Region: 'us-east-1', UserPoolId: 'us-east-1_A', UserPoolClientId: 'c', IdentityPoolId: 'us-east-1:0', AuthMode: 'cognito' };

/** A port nothing listens on: taken, then freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('npm run checkpoint: without a running local cloud', () => {
  it('--help lists every module of the list', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const c of CHECKPOINTS) expect(r.stdout).toContain(`  ${c.module.padEnd(4)} ${c.title}`);
  });

  it('no outputs file: the local cloud is not running, start it', async () => {
    const r = await run('2', '--outputs', join(dir, 'missing.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/There is no outputs file at/);
  });

  it('an outputs file left by a killed cloud: nothing answers, start it again', async () => {
    const port = await closedPort();
    const r = await run('0', '--outputs', outputs('stale.json', { ...STACK, UserPoolEndpoint: `http://127.0.0.1:${port}` }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`The local cloud is not answering at http://127.0.0.1:${port} .*left from an earlier run\\)\\. Start it with \`npm start\``));
  });

  it('a deployed stack\'s outputs: checkpoints are for the local cloud', async () => {
    const r = await run('1', '--outputs', outputs('deployed.json', STACK));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a deployed stack's; checkpoints check the running local cloud/);
  });
});

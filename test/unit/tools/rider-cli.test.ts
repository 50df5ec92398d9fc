import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVerifier, claimSignature, serverEphemeral, serverSessionKey } from '../../../local/cognito/srp.js';
import { RIDER_COMMANDS } from '../../../tools/rider/commands/index.js';
import { riderMain } from '../../../tools/rider/main.js';
import { srpClient, srpTimestamp } from '../../../tools/rider/srp-client.js';
import type { ToolIo } from '../../../tools/shared/command.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: ToolIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t) };
  return { code: await riderMain(argv, io), stdout, stderr };
}

describe('npm run rider: help and usage', () => {
  it('--help lists every command of the list, with the exit codes', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const c of RIDER_COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name}\\s+${c.summary.slice(0, 20).replace(/[()]/g, '\\$&')}`, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 done, 1 refused or failed .*, 2 wrong usage/);
  });

  it.each(RIDER_COMMANDS.map((c) => [c.name, c] as const))('%s --help shows its options and the target flags', async (name, command) => {
    const r = await run(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: npm run rider -- ${name} \\[options\\]`));
    for (const option of [...Object.keys(command.options), 'outputs', 'stack', 'help']) expect(r.stdout).toContain(`--${option}`);
  });

  it('no command, an unknown one, an unknown flag or a missing one: exit 2 with what to do', async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run('fly');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command 'fly'\./);
    const flag = await run('ride', '--speed', '3');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--speed'[\s\S]*Usage: npm run rider -- ride/);
    const missing = await run('sign-up', '--password', 'x');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--email is required\./);
  });

  it('takes a negative coordinate after --lng, and refuses a word', async () => {
    const r = await run('ride', '--lat', '47.6', '--lng', '-122.3', '--outputs', '/nonexistent/outputs.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^There is no outputs file at \/nonexistent\/outputs\.json/);
    const word = await run('ride', '--lat', 'north', '--lng', '1');
    expect(word.code).toBe(2);
    expect(word.stderr).toMatch(/--lat must be a number/);
  });
});

describe('npm run rider: a cloud that is gone', () => {
  it('ride against outputs left by a stopped local cloud: exit 1, nothing answers, start it', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise((r) => server.close(r));
    const file = join(mkdtempSync(join(tmpdir(), 'wr-gone-')), 'outputs.json');
    const stack = { ApiUrl: `http://127.0.0.1:${port}/prod/`, Region: 'us-east-1', UserPoolId: 'us-east-1_A', UserPoolClientId: 'c', IdentityPoolId: 'us-east-1:0', AuthMode: 'none' };
    writeFileSync(file, JSON.stringify({ WildRydes: stack }));
    const r = await run('ride', '--lat', '1', '--lng', '2', '--outputs', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Nothing answers at http://127.0.0.1:${port}: is the local cloud still running (npm start)?\n`);
  });
});

describe('the SRP client', () => {
  it('writes the TIMESTAMP as Cognito wants it (day of month not padded)', () => {
    expect(srpTimestamp(new Date(Date.UTC(2026, 10, 3, 8, 5, 9)))).toBe('Tue Nov 3 08:05:09 UTC 2026');
  });

  it('proves the password to the local Cognito\'s server half (checked against Amplify elsewhere), and fails with another password', () => {
    const poolId = 'us-east-1_AbC123';
    const userId = 'user-1';
    const stored = createVerifier('AbC123', userId, 'Right-Passw0rd!');
    for (let i = 0; i < 3; i++) {
      const client = srpClient(poolId);
      const ephemeral = serverEphemeral(stored.verifier);
      const secretBlock = Buffer.from(`block-${i}`);
      const challenge = { SRP_B: ephemeral.B, SALT: stored.salt, SECRET_BLOCK: secretBlock.toString('base64'), USER_ID_FOR_SRP: userId };
      const key = serverSessionKey(client.A, ephemeral, stored.verifier);
      const good = client.answer(challenge, 'Right-Passw0rd!');
      expect(good.PASSWORD_CLAIM_SIGNATURE).toBe(claimSignature(key, 'AbC123', userId, secretBlock, good.TIMESTAMP!).toString('base64'));
      const bad = client.answer(challenge, 'Wrong-Passw0rd!');
      expect(bad.PASSWORD_CLAIM_SIGNATURE).not.toBe(claimSignature(key, 'AbC123', userId, secretBlock, bad.TIMESTAMP!).toString('base64'));
    }
  });
});

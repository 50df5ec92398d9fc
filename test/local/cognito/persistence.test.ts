import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { ConfirmSignUpCommand, GetUserCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../../local/cognito/store.js';
import { PASSWORD, startTestCognito, uniqueEmail } from './fixtures.js';

describe('persistence', () => {
  it('keeps users, sign-ins, identities, credentials, codes and keys across a restart', async () => {
    const first = await startTestCognito();
    const dataDir = first.dataDir;
    const confirmed = uniqueEmail('kept');
    const pending = uniqueEmail('pending');
    await first.idp.send(new SignUpCommand({ ClientId: first.clientId, Username: confirmed, Password: PASSWORD }));
    await first.idp.send(new ConfirmSignUpCommand({ ClientId: first.clientId, Username: confirmed, ConfirmationCode: first.codeFor(confirmed) }));
    await first.idp.send(new SignUpCommand({ ClientId: first.clientId, Username: pending, Password: PASSWORD }));
    const pendingCode = first.codeFor(pending);
    const signIn = await first.idp.send(new InitiateAuthCommand({ ClientId: first.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: confirmed, PASSWORD } }));
    const tokens = signIn.AuthenticationResult!;
    const provider = `cognito-idp.us-east-1.amazonaws.com/${first.poolId}`;
    const { IdentityId } = await first.identity.send(new GetIdCommand({ IdentityPoolId: first.identityPoolId, Logins: { [provider]: tokens.IdToken! } }));
    const creds = await first.identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [provider]: tokens.IdToken! } }));
    const jwks = first.cognito.jwks(first.poolId);
    await first.close(true);

    const second = await startTestCognito({ dataDir });
    try {
      expect(second.poolId).toBe(first.poolId);
      expect(second.cognito.jwks(second.poolId)).toEqual(jwks);
      expect((await second.idp.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).UserAttributes).toContainEqual({ Name: 'email', Value: confirmed });
      const refreshed = await second.idp.send(
        new InitiateAuthCommand({ ClientId: second.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }),
      );
      expect(refreshed.AuthenticationResult?.IdToken).toBeDefined();
      expect((await second.identity.send(new GetIdCommand({ IdentityPoolId: second.identityPoolId, Logins: { [provider]: tokens.IdToken! } }))).IdentityId).toBe(IdentityId);
      expect(second.cognito.lookupCredentials(creds.Credentials!.AccessKeyId!)?.secretAccessKey).toBe(creds.Credentials!.SecretKey);
      expect(second.cognito.mailbox().some((m) => m.to === pending && m.code === pendingCode)).toBe(true);
      await second.idp.send(new ConfirmSignUpCommand({ ClientId: second.clientId, Username: pending, ConfirmationCode: pendingCode }));
    } finally {
      await second.close();
    }
  });

  it('keeps secrets private and never stores a password', async () => {
    const t = await startTestCognito();
    try {
      const email = uniqueEmail('secret');
      await t.idp.send(new SignUpCommand({ ClientId: t.clientId, Username: email, Password: PASSWORD }));
      const dir = join(t.dataDir, 'cognito');
      expect(statSync(join(dir, 'keys.json')).mode & 0o077).toBe(0);
      // The state is a LevelDB folder now: owner-only, and no file in it holds the password.
      const db = join(dir, 'state.db');
      expect(statSync(db).mode & 0o077).toBe(0);
      const files = readdirSync(db);
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) expect(readFileSync(join(db, name), 'latin1')).not.toContain(PASSWORD);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('never leaves a half-written file when the writer is killed mid-write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognito-atomic-'));
    const file = join(dir, 'state.json');
    const storeUrl = new URL('../../../local/cognito/store.ts', import.meta.url).href;
    // A writer that rewrites a large file as fast as it can, killed at random moments.
    const script = `import { writeJsonAtomic } from ${JSON.stringify(storeUrl)};
      let i = 0; const big = 'x'.repeat(200000);
      for (;;) { writeJsonAtomic(${JSON.stringify(file)}, { i: i++, big }); if (i === 3) console.log('ready'); }`;
    try {
      for (let round = 0; round < 4; round++) {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const value = readJson<{ i: number; big: string }>(file);
        expect(value?.big.length).toBe(200000);
        expect(value!.i).toBeGreaterThanOrEqual(2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(existsSync(dir)).toBe(false);
  }, 30_000);
});

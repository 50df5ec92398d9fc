import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAILBOX_LIMIT } from '../../../local/cognito/mailbox.js';
import type { CognitoState, UserRecord } from '../../../local/cognito/model.js';
import { RecordStore } from '../../../local/cognito/record-store.js';
import { durable, openStateFile, type StateFile } from '../../../local/cognito/state-file.js';
import { writeJsonAtomic } from '../../../local/cognito/store.js';

const POOL = 'us-east-1_Pool1';
const IDP = 'us-east-1:00000000-0000-4000-8000-000000000001';
const dirs: string[] = [];
const open: StateFile[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-store-'));
  dirs.push(dir);
  return dir;
}

async function openAt(dir: string, options: { now?: () => number; log?: (line: string) => void } = {}): Promise<StateFile> {
  const file = await openStateFile(dir, [POOL], [IDP], { log: () => {}, ...options });
  open.push(file);
  return file;
}

async function reopen(dir: string, file: StateFile, options: { now?: () => number; log?: (line: string) => void } = {}): Promise<StateFile> {
  await file.close();
  open.splice(open.indexOf(file), 1);
  return openAt(dir, options);
}

function user(username: string, extra: Partial<UserRecord> = {}): UserRecord {
  return {
    username,
    sub: `sub-${username}`,
    attributes: { email: `${username}@example.com`, email_verified: 'true' },
    status: 'CONFIRMED',
    enabled: true,
    createdAt: 1,
    modifiedAt: 1,
    srp: { salt: 'aa', verifier: 'bb' },
    codesSentAt: [],
    failedSignIns: 0,
    sessions: {},
    ...extra,
  };
}

afterEach(async () => {
  for (const file of open.splice(0)) await file.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('Cognito state store', () => {
  it('persists a new record, a change deep inside one, and a delete', async () => {
    const dir = tempDir();
    let file = await openAt(dir);
    const users = () => file.state.userPools[POOL]!.users;
    users()['ann'] = user('ann');
    users()['bob'] = user('bob');
    file.commit();
    await file.flushed();

    file = await reopen(dir, file);
    expect(users()['ann']?.sub).toBe('sub-ann');
    users()['ann']!.sessions['jti-1'] = { clientId: 'c', issuedAt: 5, expiresAt: Date.now() + 3600_000 };
    users()['ann']!.codesSentAt.push(42);
    users()['ann']!.attributes.name = 'Ann';
    delete users()['bob'];
    file.commit();
    await file.flushed();

    file = await reopen(dir, file);
    expect(users()['ann']!.sessions['jti-1']?.clientId).toBe('c');
    expect(users()['ann']!.codesSentAt).toEqual([42]);
    expect(users()['ann']!.attributes.name).toBe('Ann');
    expect(users()['bob']).toBeUndefined();
    expect(Object.keys(users())).toEqual(['ann']);
  });

  it('writes only the records a commit changed', async () => {
    const dir = tempDir();
    const file = await openAt(dir);
    const users = file.state.userPools[POOL]!.users;
    for (let i = 0; i < 50; i++) users[`u${i}`] = user(`u${i}`);
    file.commit();
    await file.flushed();

    const write = vi.spyOn(RecordStore.prototype, 'write');
    // A sign-in's write: one session on one user, found by scanning them all.
    const found = Object.values(users).find((u) => u.username === 'u17')!;
    found.sessions['jti'] = { clientId: 'c', issuedAt: 1, expiresAt: Date.now() + 60_000 };
    found.failedSignIns = 0;
    file.commit();
    const ops = [...(write.mock.calls[0]![0] as Iterable<{ key: string }>)];
    expect(ops.map((op) => op.key)).toEqual([`user/${POOL}/u17`]);

    // Nothing changed: nothing written.
    file.commit();
    expect([...(write.mock.calls[1]![0] as Iterable<unknown>)]).toEqual([]);
  });

  it('treats __proto__ and constructor as ordinary ids', async () => {
    const dir = tempDir();
    let file = await openAt(dir);
    const state = () => file.state;
    expect(state().userPools[POOL]!.users['__proto__']).toBeUndefined();
    expect(state().userPools[POOL]!.users['constructor']).toBeUndefined();
    expect(state().credentials['toString']).toBeUndefined();
    expect(state().identityPools['__proto__']).toBeUndefined();
    state().userPools[POOL]!.users['__proto__'] = user('__proto__');
    file.commit();
    await file.flushed();
    expect(({} as Record<string, unknown>).sub).toBeUndefined();

    file = await reopen(dir, file);
    expect(state().userPools[POOL]!.users['__proto__']?.sub).toBe('sub-__proto__');
    expect(state().userPools[POOL]!.users['__proto__']!.attributes['constructor']).toBeUndefined();
  });

  it('keeps the mailbox to the newest messages across restarts', async () => {
    const dir = tempDir();
    let file = await openAt(dir);
    const mail = (i: number) => ({ to: `m${i}@example.com`, subject: 's', code: String(i), sentAt: '', userPoolId: POOL, username: `m${i}` });
    for (let i = 0; i < MAILBOX_LIMIT + 30; i++) {
      file.state.mailbox.push(mail(i));
      if (file.state.mailbox.length > MAILBOX_LIMIT) file.state.mailbox.splice(0, file.state.mailbox.length - MAILBOX_LIMIT);
      if (i % 7 === 0) file.commit();
    }
    file.commit();
    await file.flushed();

    file = await reopen(dir, file);
    expect(file.state.mailbox.length).toBe(MAILBOX_LIMIT);
    expect(file.state.mailbox[0]!.code).toBe('30');
    expect(file.state.mailbox.at(-1)!.code).toBe(String(MAILBOX_LIMIT + 29));
    // Keys on disk: exactly the messages kept.
    await file.close();
    open.splice(0);
    const store = await RecordStore.open(join(dir, 'state.db'));
    const mailKeys = (await store.all()).filter(([k]) => k.startsWith('mail/'));
    await store.close();
    expect(mailKeys.length).toBe(MAILBOX_LIMIT);
  });

  it('forgets expired sign-in sessions and long-expired credentials when it starts', async () => {
    const dir = tempDir();
    const t = Date.now();
    let file = await openAt(dir, { now: () => t });
    file.state.userPools[POOL]!.users['ann'] = user('ann', {
      sessions: { old: { clientId: 'c', issuedAt: 1, expiresAt: t + 1000 }, live: { clientId: 'c', issuedAt: 1, expiresAt: t + 10 * 86400_000 } },
    });
    const creds = (id: string, expiresAt: number) => ({
      accessKeyId: id, secretAccessKey: 's', sessionToken: 't', expiresAt, identityId: 'i', identityPoolId: IDP, roleArn: 'r', assumedRoleArn: 'a', authenticationProvider: 'p',
    });
    file.state.credentials['ASIAOLD'] = creds('ASIAOLD', t + 3600_000);
    file.state.credentials['ASIANEW'] = creds('ASIANEW', t + 3 * 86400_000);
    file.commit();
    await file.flushed();

    // Two days later: the first session and the first credentials (a day past expiry) are gone.
    file = await reopen(dir, file, { now: () => t + 2 * 86400_000 });
    expect(Object.keys(file.state.userPools[POOL]!.users['ann']!.sessions)).toEqual(['live']);
    expect(Object.keys(file.state.credentials)).toEqual(['ASIANEW']);
    // And it stays so: the pruning was written.
    file = await reopen(dir, file, { now: () => t });
    expect(Object.keys(file.state.userPools[POOL]!.users['ann']!.sessions)).toEqual(['live']);
    expect(Object.keys(file.state.credentials)).toEqual(['ASIANEW']);
  });

  it('imports a state.json of the old format once, and keeps it as state.json.migrated', async () => {
    const dir = tempDir();
    const legacy: CognitoState = {
      version: 1,
      userPools: { [POOL]: { users: { ann: user('ann', { sessions: { s1: { clientId: 'c', issuedAt: 1, expiresAt: Date.now() + 86400_000 } } }) } } },
      identityPools: { [IDP]: { identities: { 'us-east-1:id-1': { identityId: 'us-east-1:id-1', logins: { p: 'sub-ann' }, createdAt: 1 } } } },
      credentials: {},
      mailbox: [{ to: 'ann@example.com', subject: 'code', code: '123456', sentAt: '', userPoolId: POOL, username: 'ann' }],
    };
    writeJsonAtomic(join(dir, 'state.json'), legacy);
    const lines: string[] = [];
    let file = await openAt(dir, { log: (line) => lines.push(line) });
    expect(file.state.userPools[POOL]!.users['ann']!.sessions['s1']?.clientId).toBe('c');
    expect(file.state.identityPools[IDP]!.identities['us-east-1:id-1']!.logins['p']).toBe('sub-ann');
    expect(file.state.mailbox.map((m) => m.code)).toEqual(['123456']);
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
    expect(existsSync(join(dir, 'state.json.migrated'))).toBe(true);
    expect(lines.some((l) => l.includes('imported') && l.includes('state.json.migrated'))).toBe(true);

    // The next start reads the store, and imports nothing again.
    lines.length = 0;
    file = await reopen(dir, file, { log: (line) => lines.push(line) });
    expect(file.state.userPools[POOL]!.users['ann']!.sub).toBe('sub-ann');
    expect(file.state.mailbox.length).toBe(1);
    expect(lines.some((l) => l.includes('imported'))).toBe(false);
  });

  it('refuses a state.json of a version it does not read, and leaves it where it is', async () => {
    const dir = tempDir();
    writeJsonAtomic(join(dir, 'state.json'), { version: 2 });
    await expect(openAt(dir)).rejects.toThrow(/version 2; this Cognito reads version 1/);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
  });

  it('removes the temporary files a killed writer left in its folder, and nothing else', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.keys.json.4242.deadbeef.tmp'), '{');
    writeFileSync(join(dir, '.state.json.17.0badf00d.tmp'), '{');
    writeFileSync(join(dir, 'notes.tmp'), 'mine');
    const lines: string[] = [];
    await openAt(dir, { log: (line) => lines.push(line) });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual(['notes.tmp']);
    expect(lines.filter((l) => l.includes('removed')).length).toBe(2);
  });

  it('answers an action only once its commit is on disk: a kill right after the answer loses nothing', async () => {
    const dir = tempDir();
    const stateFileUrl = new URL('../../../local/cognito/state-file.ts', import.meta.url).href;
    // A child that answers "actions" as fast as it can; each adds a user with a big attribute.
    const script = `import { durable, openStateFile } from ${JSON.stringify(stateFileUrl)};
      const file = await openStateFile(${JSON.stringify(dir)}, [${JSON.stringify(POOL)}], [], { log: () => {} });
      const big = 'x'.repeat(20000);
      const actions = durable({ Add: ({ n }) => {
        file.state.userPools[${JSON.stringify(POOL)}].users['u' + n] = { username: 'u' + n, big, sessions: {}, attributes: {} };
        file.commit();
        return n;
      } }, file);
      for (let n = 0; ; n++) { const acked = await actions.Add({ n }); process.stdout.write(acked + '\\n'); }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lastAcked = -1;
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lastAcked = Number(line);
        if (lastAcked === 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    const file = await openAt(dir);
    const users = file.state.userPools[POOL]!.users;
    for (let n = 0; n <= lastAcked; n++) expect(users[`u${n}`]?.username).toBe(`u${n}`);
  }, 30_000);

  it('makes every answer wait for the write, errors included', async () => {
    const dir = tempDir();
    const file = await openAt(dir);
    let settled = false;
    const slow = vi.spyOn(file, 'flushed').mockImplementation(() => new Promise<void>((r) => setTimeout(() => ((settled = true), r()), 50)));
    const actions = durable<Record<string, (input: Record<string, unknown>) => unknown>>(
      {
        Fail: () => {
          throw new Error('counted');
        },
      },
      file,
    );
    await expect(actions.Fail!({})).rejects.toThrow('counted');
    expect(settled).toBe(true);
    expect(slow).toHaveBeenCalledOnce();
  });
});

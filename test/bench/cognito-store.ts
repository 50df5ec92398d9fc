import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../local/atomic-file.js';
import type { CognitoState, UserRecord } from '../../local/cognito/model.js';
import { openStateFile, type StateFile } from '../../local/cognito/state-file.js';
import { readJson } from '../../local/cognito/store.js';

/**
 * `npm run bench:cognito`: what one Cognito write costs at 1, 1 000 and
 * 10 000 users, in the LevelDB store (one record per write) and in the old
 * whole-file state.json (JSON.stringify of the whole state + atomic write),
 * both durable (fsync). The write measured is a sign-in's: one new session on
 * one user. Also: the time to load the state at start, its size on disk,
 * and one scan of every user as a sign-in does it (reads go through the
 * store's change-tracking proxies; the old state was plain objects).
 * A benchmark, not a test: figures depend on the machine and its load.
 */
const SIZES = (process.env.BENCH_USERS ?? '1,1000,10000').split(',').map(Number);
const WRITES = Number(process.env.BENCH_WRITES ?? 200);
/** The whole-file writes get fewer rounds at large sizes, or one size would take minutes. */
const OLD_WRITES_BUDGET_BYTES = 400e6;
const POOL = 'us-east-1_BenchPool';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A user as sign-up leaves one: email, a few attributes, a 3072-bit SRP verifier, a session. */
function makeUser(i: number): UserRecord {
  const username = randomUUID();
  const t = Date.now();
  return {
    username,
    sub: username,
    attributes: { email: `rider-${i}@example.com`, email_verified: 'true', name: `Rider ${i}`, 'custom:unicorn': 'Shadowfax' },
    status: 'CONFIRMED',
    enabled: true,
    createdAt: t,
    modifiedAt: t,
    srp: { salt: randomBytes(16).toString('hex'), verifier: randomBytes(384).toString('hex') },
    codesSentAt: [t],
    failedSignIns: 0,
    sessions: { [randomUUID()]: { clientId: 'client', issuedAt: t, expiresAt: t + 30 * 86400_000 } },
  };
}

/** Bytes this process handed to write() so far (Linux), to count what a write really costs. */
function writtenBytes(): number | undefined {
  try {
    return Number(/wchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
  } catch {
    return undefined;
  }
}

function du(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}

interface Figures {
  medianUs: number;
  p99Us: number;
  bytesPerWrite: number | undefined;
  loadMs: number;
  diskBytes: number;
  writes: number;
  scanMs: number;
}

async function measure(writes: number, write: (i: number) => Promise<void> | void): Promise<{ medianUs: number; p99Us: number; bytesPerWrite: number | undefined }> {
  const times: number[] = [];
  const before = writtenBytes();
  for (let i = 0; i < writes; i++) {
    const t0 = process.hrtime.bigint();
    await write(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const after = writtenBytes();
  times.sort((a, b) => a - b);
  return {
    medianUs: times[Math.floor(times.length / 2)]!,
    p99Us: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!,
    bytesPerWrite: before === undefined || after === undefined ? undefined : (after - before) / writes,
  };
}

/** A sign-in's write: a new session (the oldest dropped past three, so records keep their size over the rounds). */
const newSession = (user: UserRecord) => {
  const t = Date.now();
  user.sessions[randomUUID()] = { clientId: 'client', issuedAt: t, expiresAt: t + 30 * 86400_000 };
  const ids = Object.keys(user.sessions);
  if (ids.length > 3) delete user.sessions[ids[0]!];
  user.failedSignIns = 0;
};

/** What a sign-in also does: find the user by email among all of the pool's (user-pool code scans them). */
function scanMs(users: Record<string, UserRecord>, email: string): number {
  const rounds = 20;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) Object.values(users).find((u) => u.attributes.email?.toLowerCase() === email);
  return (performance.now() - t0) / rounds;
}

async function benchStore(users: UserRecord[]): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cognito-store-'));
  const quiet = { log: () => {} };
  try {
    let file: StateFile = await openStateFile(dir, [POOL], [], quiet);
    const map = file.state.userPools[POOL]!.users;
    users.forEach((u, i) => {
      map[u.username] = structuredClone(u);
      if (i % 1000 === 999) file.commit();
    });
    file.commit();
    await file.flushed();
    await file.close();

    const t0 = performance.now();
    file = await openStateFile(dir, [POOL], [], quiet);
    const loadMs = performance.now() - t0;
    const live = file.state.userPools[POOL]!.users;
    const scan = scanMs(live, `rider-${users.length - 1}@example.com`);
    const names = users.map((u) => u.username);
    const figures = await measure(WRITES, async (i) => {
      newSession(live[names[(i * 7919) % names.length]!]!);
      file.commit();
      await file.flushed();
    });
    await file.close();
    return { ...figures, loadMs, diskBytes: du(join(dir, 'state.db')), writes: WRITES, scanMs: scan };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchWholeFile(users: UserRecord[]): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cognito-json-'));
  const path = join(dir, 'state.json');
  try {
    const state: CognitoState = { version: 1, userPools: { [POOL]: { users: {} } }, identityPools: {}, credentials: {}, mailbox: [] };
    for (const u of users) state.userPools[POOL]!.users[u.username] = structuredClone(u);
    writeFileAtomic(path, JSON.stringify(state));
    const size = statSync(path).size;
    const t0 = performance.now();
    const loaded = readJson<CognitoState>(path)!;
    const loadMs = performance.now() - t0;
    const scan = scanMs(loaded.userPools[POOL]!.users, `rider-${users.length - 1}@example.com`);
    const names = users.map((u) => u.username);
    const writes = Math.max(10, Math.min(WRITES, Math.floor(OLD_WRITES_BUDGET_BYTES / size)));
    const figures = await measure(writes, (i) => {
      newSession(loaded.userPools[POOL]!.users[names[(i * 7919) % names.length]!]!);
      writeFileAtomic(path, JSON.stringify(loaded));
    });
    return { ...figures, loadMs, diskBytes: statSync(path).size, writes, scanMs: scan };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

async function main(): Promise<void> {
  say(`Cognito state: cost of one sign-in's write (one new session on one user), durable (fsync), ${WRITES} writes per row`);
  say('| users | storage | writes | median µs | p99 µs | bytes written per write | load at start ms | on disk bytes | scan of all users ms |');
  say('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) {
    const users = Array.from({ length: n }, (_, i) => makeUser(i));
    for (const [name, run] of [
      ['LevelDB (one record)', benchStore],
      ['state.json (whole file)', benchWholeFile],
    ] as const) {
      const f = await run(users);
      say(`| ${fmt(n)} | ${name} | ${f.writes} | ${fmt(f.medianUs)} | ${fmt(f.p99Us)} | ${fmt(f.bytesPerWrite)} | ${fmt(f.loadMs, 1)} | ${fmt(f.diskBytes)} | ${fmt(f.scanMs, 2)} |`);
    }
  }
}

await main();

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootId, DataDirInUseError, lockDataDir, processStartTime } from '../../local/data-lock.js';

const dirs: string[] = [];
const releases: (() => void)[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'data-lock-'));
  dirs.push(dir);
  return dir;
}

function take(dir: string): void {
  releases.push(lockDataDir(dir));
}

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

/** A lock as a holder writes it: the old first line (pid:token), then its start time and boot id. */
function lockText(pid: number, start: string | undefined, boot: string | undefined): string {
  return [`${pid}:someone`, ...(start === undefined ? [] : [`start ${start}`]), ...(boot === undefined ? [] : [`boot ${boot}`])].join('\n');
}

afterEach(() => {
  for (const release of releases.splice(0)) release();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('data folder lock', () => {
  it('takes over a lock whose process is gone', () => {
    const dir = dataDir();
    writeFileSync(join(dir, '.lock'), lockText(deadPid(), '1', bootId()));
    take(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}:`));
  });

  it('takes over a lock whose pid is alive but belongs to a process started at another time (a reused pid)', () => {
    const dir = dataDir();
    expect(processStartTime(process.ppid)).toBeDefined();
    writeFileSync(join(dir, '.lock'), lockText(process.ppid, 'not-its-start-time', bootId()));
    take(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}:`));
  });

  it('takes over a lock written before the machine restarted', () => {
    const dir = dataDir();
    writeFileSync(join(dir, '.lock'), lockText(process.ppid, processStartTime(process.ppid), 'another-boot'));
    take(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}:`));
  });

  it('writes its own start time and boot id, and releases the lock', () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    const text = readFileSync(join(dir, '.lock'), 'utf8');
    expect(text).toContain(`start ${processStartTime(process.pid)!}`);
    if (bootId()) expect(text).toContain(`boot ${bootId()!}`);
    release();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('refuses a folder a live local cloud holds, saying how to recover; takes it once that one is killed', async () => {
    const dir = dataDir();
    const lockUrl = new URL('../../local/data-lock.ts', import.meta.url).href;
    const script = `import { lockDataDir } from ${JSON.stringify(lockUrl)};
      lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      let refusal: unknown;
      try {
        take(dir);
      } catch (err) {
        refusal = err;
      }
      expect(refusal).toBeInstanceOf(DataDirInUseError);
      const message = (refusal as Error).message;
      expect(message).toContain(`process ${holder.pid!}`);
      expect(message).toContain('--data-dir');
      expect(message).toContain(join(dir, '.lock'));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // kill -9 left the lock behind: the next start takes it.
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    take(dir);
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}:`));
  }, 30_000);

  it('removes the temporary files a killed writer left in the data folder', () => {
    const dir = dataDir();
    writeFileSync(join(dir, '.outputs.json.4242.deadbeef.tmp'), '{');
    writeFileSync(join(dir, 'keep.tmp'), '');
    take(dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual(['keep.tmp']);
  });
});

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeStaleTempFiles } from './atomic-file.js';
import { LocalCloudError } from './errors.js';

/** The data folder is in use by another local cloud (LevelDB and Cognito's files take one writer). */
export class DataDirInUseError extends LocalCloudError {
  override name = 'DataDirInUseError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, as a string that differs between two processes that
 * had the same pid: on Linux field 22 of /proc/<pid>/stat (clock ticks after
 * boot; the fields after the command name, which is in parentheses and may
 * hold spaces, start at field 3); elsewhere `ps -o lstart=` (a date to the
 * second). Undefined if the process is gone or neither is available.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[22 - 3];
    if (start && /^\d+$/.test(start)) return start;
  } catch {
    // No /proc (macOS), or no such process: ask ps.
  }
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? undefined : out.replace(/\s+/g, '_');
  } catch {
    return undefined;
  }
}

/** This boot of the machine (Linux); undefined elsewhere, where the start time, a full date, tells boots apart. */
export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

interface Holder {
  pid: number;
  token: string;
  start?: string;
  boot?: string;
}

/**
 * The lock file's text. Its first line is `<pid>:<token>`, as older versions
 * wrote and read it; the lines after add what tells a reused pid apart:
 * `start <process start time>` and `boot <boot id>`.
 */
function format(holder: Holder): string {
  return [`${holder.pid}:${holder.token}`, ...(holder.start ? [`start ${holder.start}`] : []), ...(holder.boot ? [`boot ${holder.boot}`] : [])].join('\n') + '\n';
}

function parse(text: string): Holder | undefined {
  const [first = '', ...rest] = text.split('\n');
  const colon = first.indexOf(':');
  const pid = Number(colon < 0 ? first : first.slice(0, colon));
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const holder: Holder = { pid, token: first.slice(colon + 1) };
  for (const line of rest) {
    const m = /^(start|boot) (\S+)$/.exec(line.trim());
    if (m) holder[m[1] as 'start' | 'boot'] = m[2]!;
  }
  return holder;
}

/**
 * Whether the lock's holder is still running: its pid is alive, on this boot,
 * and started when the holder did. A lock from before a reboot, of a dead
 * process, or whose pid now belongs to another process (pids are reused, most
 * often right after a kill -9 and a quick restart) is stale.
 */
function holds(holder: Holder): boolean {
  const boot = bootId();
  if (holder.boot && boot && holder.boot !== boot) return false;
  if (!alive(holder.pid)) return false;
  if (holder.start) {
    const start = processStartTime(holder.pid);
    if (start !== undefined && start !== holder.start) return false;
  }
  return true;
}

/**
 * Takes the data folder for this cloud: `<dataDir>/.lock` names the owner
 * (pid, start time, boot id). A stale lock (see holds) is taken over; one
 * held by a live process is refused with a message that says how to recover.
 * Checked before dynalite opens LevelDB, which would otherwise fail deep
 * inside a callback and take the whole process down. Once the folder is
 * ours, temporary files a killed writer left in it are removed.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, '.lock');
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  const holder = text === undefined ? undefined : parse(text);
  if (holder && holds(holder)) {
    throw new DataDirInUseError(
      `The data folder ${dataDir} is in use by another local cloud (process ${holder.pid}). ` +
        `Stop that one first (Ctrl-C in its terminal, or kill ${holder.pid}), or choose another folder with --data-dir <folder>. ` +
        `If you are sure no local cloud uses this folder, delete ${file} and start again.`,
    );
  }
  const me: Holder = { pid: process.pid, token: randomBytes(8).toString('hex') };
  const start = processStartTime(process.pid);
  const boot = bootId();
  if (start) me.start = start;
  if (boot) me.boot = boot;
  const mine = format(me);
  writeFileSync(file, mine, { mode: 0o600 });
  removeStaleTempFiles(dataDir);
  return () => {
    try {
      if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  };
}

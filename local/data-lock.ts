import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The data folder is in use by another local cloud (LevelDB and Cognito's files take one writer). */
export class DataDirInUseError extends Error {
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
 * Takes the data folder for this cloud: `<dataDir>/.lock` holds the owner's
 * pid. A lock left by a process that is gone (killed, crashed) is taken over;
 * one held by a live process is refused with a message that says what to do.
 * Checked before dynalite opens LevelDB, which would otherwise fail deep
 * inside a callback and take the whole process down.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, '.lock');
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  let holder: string | undefined;
  try {
    holder = readFileSync(file, 'utf8').trim();
  } catch {
    holder = undefined;
  }
  const pid = holder ? Number(holder.split(':')[0]) : NaN;
  if (holder && Number.isInteger(pid) && alive(pid)) {
    throw new DataDirInUseError(
      `The data folder ${dataDir} is in use by another local cloud (process ${pid}). Stop that one first (Ctrl-C in its terminal), or choose another folder with --data-dir <folder>.`,
    );
  }
  writeFileSync(file, token, { mode: 0o600 });
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === token) rmSync(file, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  };
}

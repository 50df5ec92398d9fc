import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Atomic JSON files. A write goes to a temporary file in the same folder,
 * is flushed to disk, and then renamed over the old file (rename is atomic on
 * POSIX file systems), so a reader, or a process killed at any instant, sees
 * either the old file or the new one, never half of one.
 */
export function writeJsonAtomic(path: string, value: unknown, mode = 0o600): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, JSON.stringify(value));
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw err;
  }
  closeSync(fd);
  renameSync(temp, path);
  // Flush the directory entry too, so the rename itself survives a power cut.
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    /* some file systems refuse fsync on a directory; the rename is still atomic */
  }
}

/** The parsed file, or undefined if it does not exist. A corrupt file is an error, not an empty store. */
export function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

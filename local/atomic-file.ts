import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file atomically. The text goes to a temporary file in the same
 * folder, is flushed to disk, and is then renamed over the old file (rename
 * is atomic on POSIX file systems), so a reader, or a process killed at any
 * instant, sees either the old file or the new one, never half of one.
 */
export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`); // see TEMP_FILE
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, text);
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

/** The temporary files writeFileAtomic makes: `.<name>.<pid>.<8 hex>.tmp`. */
export const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files a writer killed between writing and renaming
 * left in `dir` (not its subfolders); returns their names. Safe to call at any
 * time from the folder's only writer: writeFileAtomic is synchronous, so none
 * of this process's own temporary files exists between two calls. A folder
 * that does not exist has none.
 */
export function removeStaleTempFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed = names.filter((name) => TEMP_FILE.test(name));
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}

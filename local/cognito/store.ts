import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file.js';

/** Atomic JSON files: see writeFileAtomic. Owner-only by default, as they hold keys and user data. */
export function writeJsonAtomic(path: string, value: unknown, mode = 0o600): void {
  writeFileAtomic(path, JSON.stringify(value), mode);
}

/** The parsed file, or undefined if it does not exist. A corrupt file is an error, not an empty store. */
export function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

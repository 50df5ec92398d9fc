import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SynthesizeOptions, SynthesizedAssembly } from './synth.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What a synthesis reads: the CDK app, the functions' code, the CDK settings and the exact dependency versions. */
const INPUT_FOLDERS = ['bin', 'lib', 'lambda'];
const INPUT_FILES = ['cdk.json', 'package-lock.json', 'tsconfig.json'];
/** A marker written last into a finished assembly: what the cache hands back. */
const MARKER = 'wild-rydes-synth.json';
/** Assemblies kept in a cache folder; older ones are removed after each new synthesis. */
const KEEP = 24;
/**
 * An assembly used this recently is never removed, however many there are: another process (a test
 * file, a second checkout sharing the cache, a running `npm start`) may be reading it right now.
 */
const IN_USE_MS = 30 * 60_000;
/** A lock older than this was left by a process that died mid-synthesis. */
const STALE_LOCK_MS = 180_000;

export interface CachedSynthesizeOptions extends Omit<SynthesizeOptions, 'outdir'> {
  /** The folder holding one assembly per distinct input. */
  cacheDir: string;
  /** The project whose sources are hashed; this one by default. */
  projectRoot?: string;
  /** Called when there is no assembly of these inputs yet, before synthesizing it (for progress lines). */
  onSynthesize?: () => void;
}

export interface CachedAssembly extends SynthesizedAssembly {
  /** True when an assembly of the same inputs was already there. */
  fromCache: boolean;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * A content hash of everything a synthesis depends on: every file of the app and
 * its functions (path and bytes), the CDK settings, the lock file and the options
 * (auth mode, context flags, website). Timestamps play no part, so a changed input
 * is never served stale and an unchanged one is never synthesized twice.
 */
export function synthInputsHash(options: Omit<CachedSynthesizeOptions, 'cacheDir'>): string {
  const root = options.projectRoot ?? PROJECT_ROOT;
  const hash = createHash('sha256');
  const files = [...INPUT_FOLDERS.flatMap((folder) => filesUnder(join(root, folder))), ...INPUT_FILES.map((f) => join(root, f)).filter((f) => existsSync(f))];
  for (const file of files.sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  hash.update(JSON.stringify({ authMode: options.authMode, context: options.context ?? {}, websiteDir: options.websiteDir ?? null }));
  return hash.digest('hex').slice(0, 32);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readMarker(dir: string): SynthesizedAssembly | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as SynthesizedAssembly;
  } catch {
    return undefined;
  }
}

/** A hit marks the assembly as used (its folder's mtime), so pruning keeps the ones in use. */
function markUsed(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // Removed meanwhile by another process's prune: the caller has already read the marker.
  }
}

function prune(cacheDir: string, keep: string): void {
  const now = Date.now();
  const entries = readdirSync(cacheDir)
    .filter((name) => /^[0-9a-f]{32}$/.test(name) && name !== keep)
    .map((name) => ({ name, at: statSync(join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of entries.slice(KEEP - 1)) {
    if (now - old.at > IN_USE_MS) rmSync(join(cacheDir, old.name), { recursive: true, force: true });
  }
}

/**
 * `synthesize`, once per distinct input: the assembly is kept under `cacheDir`
 * by the hash of its inputs. Several processes asking at once (parallel test
 * files) synthesize it once: one takes a lock folder, the others wait for its
 * finished assembly. An assembly appears only when whole (written aside, then
 * renamed), so a reader never sees half of one.
 */
export async function synthesizeCached(options: CachedSynthesizeOptions): Promise<CachedAssembly> {
  const { cacheDir, projectRoot: _root, onSynthesize, ...synthOptions } = options;
  mkdirSync(cacheDir, { recursive: true });
  const key = synthInputsHash(options);
  const finalDir = join(cacheDir, key);
  const lockDir = `${finalDir}.lock`;

  for (;;) {
    const done = readMarker(finalDir);
    if (done) {
      markUsed(finalDir);
      return { ...done, assemblyDir: finalDir, fromCache: true };
    }
    try {
      mkdirSync(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let age = 0;
      try {
        age = Date.now() - statSync(lockDir).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      else await sleep(200);
    }
  }

  try {
    const done = readMarker(finalDir);
    if (done) return { ...done, assemblyDir: finalDir, fromCache: true };
    onSynthesize?.();
    const workDir = `${finalDir}.partial-${process.pid}`;
    rmSync(workDir, { recursive: true, force: true });
    // Loaded only on a miss: a hit never pays for loading the CDK.
    const { synthesize } = await import('./synth.js');
    const result = await synthesize({ ...synthOptions, outdir: workDir });
    writeFileSync(join(workDir, MARKER), JSON.stringify({ stackName: result.stackName, assemblyDir: finalDir }));
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(workDir, finalDir);
    prune(cacheDir, key);
    return { ...result, assemblyDir: finalDir, fromCache: false };
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

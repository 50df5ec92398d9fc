import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LocalCloudError } from './errors.js';

/** The files a website build is made from (under website/). */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'];
/** What the website imports from outside website/, and the exact dependency versions (from the project root). */
const SHARED_SOURCES = ['lib/auth-mode.ts', 'package-lock.json'];
/** Written into dist/ after a build by `npm start`: the content hash of the inputs it was built from. */
export const BUILD_MARKER = '.wild-rydes-build.json';

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The newest modification time under a path (a file, or a folder walked recursively). */
function newestMtime(path: string): number {
  return Math.max(0, ...filesUnder(path).map((file) => statSync(file).mtimeMs));
}

/**
 * A content hash of what a website build reads: its sources (path and bytes),
 * the shared module it imports and the lock file. Timestamps play no part.
 */
export function websiteInputsHash(websiteRoot: string): string {
  const projectRoot = dirname(resolve(websiteRoot));
  const hash = createHash('sha256');
  const files = [...SOURCES.flatMap((s) => filesUnder(join(websiteRoot, s))), ...SHARED_SOURCES.map((f) => join(projectRoot, f)).filter((f) => existsSync(f))];
  for (const file of files.sort()) hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** Records, in dist/, the inputs a finished build was made from. */
export function recordWebsiteBuild(websiteRoot: string, inputs = websiteInputsHash(websiteRoot)): void {
  writeFileSync(join(websiteRoot, 'dist', BUILD_MARKER), `${JSON.stringify({ inputs })}\n`);
}

function recordedInputs(websiteRoot: string): string | undefined {
  try {
    const { inputs } = JSON.parse(readFileSync(join(websiteRoot, 'dist', BUILD_MARKER), 'utf8')) as { inputs?: unknown };
    return typeof inputs === 'string' ? inputs : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why the website in `websiteRoot/dist` needs building, or null when it is up to
 * date. A build by `npm start` records the content hash of its inputs, and any
 * changed byte rebuilds it. A build made another way (`npm run build:website`)
 * has no record: it is compared by modification time, as the best it offers.
 */
export function websiteBuildReason(websiteRoot: string): string | null {
  const built = join(websiteRoot, 'dist', 'index.html');
  if (!existsSync(built)) return 'not built yet';
  const recorded = recordedInputs(websiteRoot);
  if (recorded !== undefined) return recorded === websiteInputsHash(websiteRoot) ? null : 'its sources changed since the last build';
  const builtAt = statSync(built).mtimeMs;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(websiteRoot, s))));
  return sourcesAt > builtAt ? 'its sources changed since the last build' : null;
}

/**
 * Runs the project's own `vite build` (the same as `npm run build:website`),
 * passing its lines to `log` so a person sees the build go by.
 */
export function buildWebsite(projectRoot: string, log: (line: string) => void): Promise<void> {
  const vite = join(projectRoot, 'node_modules', '.bin', 'vite');
  return new Promise((resolve, reject) => {
    const child = spawn(vite, ['build', '--config', join(projectRoot, 'website', 'vite.config.ts')], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (buffered.trim()) log(buffered);
      if (code === 0) resolve();
      else reject(new WebsiteBuildError(`The website build failed (vite exited with ${code}); the lines above say why. Run npm run build:website to try again.`));
    });
  });
}

export class WebsiteBuildError extends LocalCloudError {
  override name = 'WebsiteBuildError';
}

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCloudError } from './errors.js';

/** The files a website build is made from. */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'];

/** The newest modification time under a path (a file, or a folder walked recursively). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Why the website in `websiteRoot/dist` needs building, or null when it is up to
 * date: missing, or older than one of its sources (a `git pull` brought changes).
 */
export function websiteBuildReason(websiteRoot: string): string | null {
  const built = join(websiteRoot, 'dist', 'index.html');
  if (!existsSync(built)) return 'not built yet';
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

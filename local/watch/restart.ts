import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions, type LocalCloudPorts } from '../cloud.js';
import { LocalCloudError } from '../errors.js';
import type { CachedSynthesizeOptions } from '../synth-cache.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const TSX = pathToFileURL(join(HERE, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The app could not be synthesized (a compile error, a bad construct): the cloud keeps serving the previous one. */
export class WatchSynthesisError extends LocalCloudError {
  override name = 'WatchSynthesisError';
}

/** synth-child.ts in a fresh Node: the changed sources, not the modules this process imported at start. */
function synthesizeInChild(options: CachedSynthesizeOptions): Promise<{ assemblyDir: string; fromCache: boolean }> {
  return new Promise((resolveSynth, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, join(HERE, 'synth-child.ts'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolveSynth(JSON.parse(last) as { assemblyDir: string; fromCache: boolean });
      else reject(new WatchSynthesisError(`The app could not be synthesized; still serving the previous one.\n${(err || out).trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}

/** The ports a running cloud listens on, so a restart serves the same URLs (the website's config, the outputs file, open tabs). */
export function portsOf(cloud: LocalCloud): Required<LocalCloudPorts> {
  const port = (url: string) => Number(new URL(url).port);
  return { website: port(cloud.urls.website), api: port(cloud.urls.api), cognito: port(cloud.urls.cognito), dynamodb: port(cloud.urls.dynamodb), s3: port(cloud.urls.s3) };
}

/**
 * `npm start -- --watch` after a change under bin/, lib/ or lambda/: the
 * service layer restarted in this process, from the app synthesized anew (the
 * synthesis cache makes an unchanged app free), on the same ports and the same
 * data folder. Users, sessions, credentials and rides are on disk
 * (<dataDir>/cognito, <dataDir>/dynamodb) and are found again; the API's
 * throttling buckets, the Lambda authorizer's cache and the request traces are
 * in memory and start afresh, as after any restart. A synthesis that fails
 * (a compile error in lib/) leaves the running cloud as it was.
 */
export async function restartCloud(cloud: LocalCloud, options: LocalCloudOptions): Promise<{ cloud: LocalCloud; synthesized: boolean }> {
  let assemblyDir = options.assemblyDir;
  let synthesized = false;
  if (assemblyDir === undefined) {
    // First the synthesis, the cloud still serving: a compile error keeps it up.
    const context = { ...options.context, ...(options.stackName === undefined ? {} : { stackName: options.stackName }) };
    const assembly = await synthesizeInChild({ authMode: options.authMode, context, cacheDir: resolve(options.synthDir ?? join(options.dataDir, 'cdk.out')) });
    assemblyDir = assembly.assemblyDir;
    synthesized = !assembly.fromCache;
  }
  const ports = portsOf(cloud);
  await cloud.close();
  return { cloud: await startLocalCloud({ ...options, assemblyDir, ports }), synthesized };
}

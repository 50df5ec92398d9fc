import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions, type LocalCloudPorts } from '../cloud.js';
import { LocalCloudError } from '../errors.js';
import type { CachedSynthesizeOptions } from '../synth-cache.js';
import { onlyFunctionSources } from './code-change.js';

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
 * `npm start -- --watch` after a change under bin/, lib/ or cdk.json (or lambda/ beyond code): the
 * service layer restarted in this process, from the app synthesized anew (the
 * synthesis cache makes an unchanged app free), on the same ports and the same
 * data folder. Users, sessions, credentials and rides are on disk
 * (<dataDir>/cognito, <dataDir>/dynamodb) and are found again; the API's
 * throttling buckets, the Lambda authorizer's cache and the request traces are
 * in memory and start afresh, as after any restart. A synthesis that fails
 * (a compile error in lib/) leaves the running cloud as it was.
 */
export async function restartCloud(cloud: LocalCloud, options: LocalCloudOptions): Promise<{ cloud: LocalCloud; synthesized: boolean }> {
  const { assemblyDir, synthesized } = await synthesizedFor(options);
  const ports = portsOf(cloud);
  await cloud.close();
  return { cloud: await startLocalCloud({ ...options, assemblyDir, ports }), synthesized };
}

/** The app synthesized anew in a child process (or the given assembly); the cloud still serving meanwhile, so a compile error keeps it up. */
async function synthesizedFor(options: LocalCloudOptions): Promise<{ assemblyDir: string; synthesized: boolean }> {
  if (options.assemblyDir !== undefined) return { assemblyDir: options.assemblyDir, synthesized: false };
  const context = { ...options.context, ...(options.stackName === undefined ? {} : { stackName: options.stackName }) };
  const assembly = await synthesizeInChild({ authMode: options.authMode, context, cacheDir: resolve(options.synthDir ?? join(options.dataDir, 'cdk.out')) });
  return { assemblyDir: assembly.assemblyDir, synthesized: !assembly.fromCache };
}

export interface Reloaded {
  cloud: LocalCloud;
  synthesized: boolean;
  /** The functions whose environments were swapped, the services running on (a change under lambda/ that changed only code); absent after a restart. */
  swapped?: string[];
}

/**
 * A reload for a batch of changed files. Under lambda/ only: the app is still
 * synthesized anew in the child process (the synthesis bundles the functions,
 * so local and deployed code are the same build), and when the new template
 * differs from the running one only in functions' code, just those functions'
 * environments are swapped: the API server, Cognito, DynamoDB, S3, throttling
 * buckets, the authorizer's cache and the request traces run on untouched.
 * Anything else (bin/, lib/, cdk.json, or a lambda/ change that altered the
 * template otherwise): restartCloud.
 */
export async function reloadCloud(cloud: LocalCloud, options: LocalCloudOptions, files: readonly string[]): Promise<Reloaded> {
  const { assemblyDir, synthesized } = await synthesizedFor(options);
  if (onlyFunctionSources(files)) {
    const swapped = await cloud.swapFunctionCode(assemblyDir);
    if (swapped !== undefined) return { cloud, synthesized, swapped };
  }
  const ports = portsOf(cloud);
  await cloud.close();
  return { cloud: await startLocalCloud({ ...options, assemblyDir, ports }), synthesized };
}

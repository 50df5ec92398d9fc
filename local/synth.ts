import { Annotations } from 'aws-cdk-lib';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../lib/wild-rydes-app.js';
import type { AuthMode } from '../lib/auth-mode.js';

export interface SynthesizeOptions {
  authMode: AuthMode;
  /** Where to write the cloud assembly. */
  outdir: string;
  /** Extra context values, as with `cdk synth -c key=value` (`stackName` names the stack and the outputs file's key). */
  context?: Record<string, unknown>;
  /** The built website to include, or null for the placeholder (the local cloud serves the website itself). */
  websiteDir?: string | null;
}

export interface SynthesizedAssembly {
  assemblyDir: string;
  stackName: string;
}

/**
 * Synthesizes the real CDK app in-process, exactly as `cdk synth` would
 * (same app, same context, cdk-nag included, the function bundled by esbuild),
 * without the CLI's start-up cost.
 */
export async function synthesize(options: SynthesizeOptions): Promise<SynthesizedAssembly> {
  mkdirSync(options.outdir, { recursive: true });
  return withDirectEsbuild(() => {
    const { app, stack } = buildApp({
      outdir: options.outdir,
      websiteDir: options.websiteDir ?? null,
      context: {
        ...options.context,
        authMode: options.authMode,
        // Asset metadata tells the local cloud which folder holds each function's code.
        'aws:cdk:enable-asset-metadata': true,
      },
    });
    // The local cloud serves website/dist itself; the assembly's placeholder page is never deployed from here.
    if (options.websiteDir == null) {
      Annotations.of(stack).acknowledgeWarning('wild-rydes:website-not-built', 'The local cloud serves the website build itself.');
    }
    const assembly = app.synth();
    return { assemblyDir: assembly.directory, stackName: stack.stackName };
  });
}

const SYNTH_BIN = join(dirname(fileURLToPath(import.meta.url)), 'synth-bin');

/**
 * Runs `fn` (building and synthesizing the app, both synchronous, so nothing else in this
 * process runs meanwhile) with local/synth-bin first on PATH: the functions are bundled by
 * the project's esbuild without npx's start-up in front of each (see local/synth-bin/npx).
 * Windows keeps the plain path (npx.cmd is what CDK calls there).
 */
function withDirectEsbuild<T>(fn: () => T): T {
  if (process.platform === 'win32') return fn();
  const saved = { PATH: process.env.PATH, WILD_RYDES_ESBUILD: process.env.WILD_RYDES_ESBUILD, WILD_RYDES_NPX_PATH: process.env.WILD_RYDES_NPX_PATH };
  process.env.WILD_RYDES_ESBUILD = join(dirname(createRequire(import.meta.url).resolve('esbuild/package.json')), 'bin', 'esbuild');
  process.env.WILD_RYDES_NPX_PATH = saved.PATH ?? '';
  process.env.PATH = saved.PATH ? `${SYNTH_BIN}${delimiter}${saved.PATH}` : SYNTH_BIN;
  try {
    return fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

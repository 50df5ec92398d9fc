import { mkdirSync } from 'node:fs';
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
  const assembly = app.synth();
  return { assemblyDir: assembly.directory, stackName: stack.stackName };
}

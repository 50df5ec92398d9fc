import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error.js';
import { buildApp } from './wild-rydes-app.js';

/** What `cdk deploy` would find missing, said with what to do about it. */
export class DeployCheckError extends ConfigError {
  override name = 'DeployCheckError';
}

/** The outputs the website's config and the README's steps read after a deploy (lib/wild-rydes-stack.ts). */
export const REQUIRED_OUTPUTS = ['ApiUrl', 'Region', 'UserPoolId', 'UserPoolClientId', 'IdentityPoolId', 'WebsiteUrl', 'AuthMode', 'UserPoolDomainUrl', 'RiderFilesBucket'] as const;

export interface DeployCheckOptions {
  /** The built website (`website/dist`). */
  websiteDir: string;
  /** Where to synthesize the cloud assembly (`cdk.out`). */
  outdir: string;
  /**
   * Context values, as `-c key=value`.
   * @default - none: cdk.json's context alone
   */
  context?: Record<string, unknown>;
  /**
   * One line per step passed.
   * @default - silent
   */
  progress?: (line: string) => void;
}

interface AssetManifest {
  files?: Record<string, { displayName?: string; source?: { path?: string; packaging?: string } }>;
  dockerImages?: Record<string, { displayName?: string; source?: { directory?: string } }>;
}

/**
 * A deploy rehearsal without AWS: synthesizes the stack the way `cdk deploy` does (same app,
 * cdk.json's context, cdk-nag, the function bundled), then checks what the deploy would need: every
 * asset the CLI would upload (the `<stack>.assets.json` manifest) is on disk and not empty, the
 * website in it is the real build, and the stack has every output the website and the README use.
 */
export function checkDeploy(options: DeployCheckOptions): { stackName: string; assets: number } {
  const progress = options.progress ?? (() => {});
  if (!existsSync(join(options.websiteDir, 'index.html'))) {
    throw new DeployCheckError(`No website build in ${options.websiteDir} (index.html missing): run \`npm run build:website\` first.`);
  }
  progress(`website build found: ${options.websiteDir}`);

  const { app, stack } = buildApp({ outdir: options.outdir, websiteDir: options.websiteDir, context: { ...options.context } });
  const assembly = app.synth();
  const artifact = assembly.getStackArtifact(stack.artifactId);
  progress(`synthesized stack ${stack.stackName} into ${options.outdir}`);

  const manifestPath = join(assembly.directory, `${stack.artifactId}.assets.json`);
  if (!existsSync(manifestPath)) throw new DeployCheckError(`The synth wrote no asset manifest (${manifestPath}): is aws-cdk-lib installed (npm ci)?`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AssetManifest;
  if (Object.keys(manifest.dockerImages ?? {}).length > 0) {
    throw new DeployCheckError('The stack has Docker image assets; this app should have none (and `cdk deploy` would need Docker).');
  }
  const files = Object.entries(manifest.files ?? {});
  for (const [id, file] of files) {
    const what = file.displayName ?? id;
    const path = file.source?.path ? join(assembly.directory, file.source.path) : undefined;
    if (!path || !existsSync(path)) throw new DeployCheckError(`Asset "${what}" is missing (${path ?? 'no path'}): run the check again; if it persists, delete ${options.outdir} and retry.`);
    const empty = statSync(path).isDirectory() ? readdirSync(path).length === 0 : statSync(path).size === 0;
    if (empty) throw new DeployCheckError(`Asset "${what}" is empty (${path}): the deploy would upload nothing. Rebuild (npm run build:website) and retry.`);
    progress(`asset ready: ${what}`);
  }

  const websiteAssets = files.filter(([, f]) => f.source?.path && existsSync(join(assembly.directory, f.source.path, 'index.html')));
  if (websiteAssets.length === 0) throw new DeployCheckError('The website is not among the assets: the deploy would publish the placeholder page. Run `npm run build:website`.');
  progress('the website build is among the assets');

  const outputs = Object.keys((artifact.template as { Outputs?: Record<string, unknown> }).Outputs ?? {});
  const missing = REQUIRED_OUTPUTS.filter((name) => !outputs.includes(name));
  if (missing.length > 0) throw new DeployCheckError(`The stack lacks the output(s) ${missing.join(', ')} that the website and the README read: see lib/wild-rydes-stack.ts.`);
  progress(`outputs present: ${REQUIRED_OUTPUTS.join(', ')}`);
  return { stackName: stack.stackName, assets: files.length };
}

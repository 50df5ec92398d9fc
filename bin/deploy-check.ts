#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readAppConfig } from '../lib/app-config.js';
import { ConfigError, reportConfigErrors } from '../lib/config-error.js';
import { checkDeploy } from '../lib/deploy-check.js';
import { DEFAULT_WEBSITE_DIR } from '../lib/wild-rydes-app.js';

/**
 * `npm run deploy:check [-- -c stackName=WildRydes-ana -c authMode=iam] [--skip-build]`:
 * builds the website, synthesizes into cdk.out as `cdk deploy` would, and checks every asset and
 * output; no AWS call. What to run before `cdk deploy` with the same -c flags.
 */
class UsageError extends ConfigError {
  override name = 'UsageError';
}

function parse(argv: string[]): { context: Record<string, string>; build: boolean } {
  const context: Record<string, string> = {};
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--skip-build') build = false;
    else if (arg === '-c' || arg === '--context') {
      const pair = argv[++i] ?? '';
      const eq = pair.indexOf('=');
      if (eq < 1) throw new UsageError(`${arg} needs key=value, got "${pair}" (e.g. -c stackName=WildRydes-ana)`);
      context[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else throw new UsageError(`Unknown option "${arg}". Usage: npm run deploy:check -- [-c key=value]... [--skip-build]`);
  }
  return { context, build };
}

reportConfigErrors(() => {
  const { context, build } = parse(process.argv.slice(2));
  // A wrong -c flag is said before anything is built.
  readAppConfig((key) => context[key]);
  const step = (line: string) => console.log(`✓ ${line}`);
  if (build) {
    console.log('… building the website (npm run build:website)');
    const run = spawnSync('npm', ['run', '--silent', 'build:website'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new UsageError('The website build failed (see above): fix it, then run the check again.');
  }
  const { stackName } = checkDeploy({ websiteDir: DEFAULT_WEBSITE_DIR, outdir: resolve('cdk.out'), context, progress: step });
  const flags = Object.entries(context).map(([k, v]) => ` -c ${k}=${v}`).join('');
  console.log(`\nReady to deploy ${stackName}: npx cdk deploy${flags}`);
});

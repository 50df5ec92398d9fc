import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readAppConfig } from './app-config.js';
import { WildRydesStack } from './wild-rydes-stack.js';

export const STACK_NAME = 'WildRydes';
export const DEFAULT_WEBSITE_DIR = fileURLToPath(new URL('../website/dist', import.meta.url));

export interface BuildAppOptions extends AppProps {
  /**
   * The built website; `null` forces the placeholder page.
   * @default - website/dist when it exists, else the placeholder page
   */
  websiteDir?: string | null;
}

/** The CDK app: reads the context, builds the one stack, and runs cdk-nag on every synth. */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: WildRydesStack } {
  const { websiteDir, ...appProps } = options;
  const app = new App(appProps);
  const config = readAppConfig((key) => app.node.tryGetContext(key));
  const dir = websiteDir === null ? undefined : (websiteDir ?? (existsSync(DEFAULT_WEBSITE_DIR) ? DEFAULT_WEBSITE_DIR : undefined));
  const stack = new WildRydesStack(app, STACK_NAME, {
    description: `Wild Rydes: riders summon unicorns; POST /ride protected by authMode=${config.authMode}`,
    config,
    websiteDir: dir,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readAppConfig } from './app-config.js';
import { WildRydesStack } from './wild-rydes-stack.js';

const CDK_JSON = fileURLToPath(new URL('../cdk.json', import.meta.url));
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
  // cdk.json's context (the feature flags above all) applies to in-process synths too (the local cloud,
  // the tests), so they run the template `cdk deploy` would; the CLI's own context still wins over it.
  const app = new App({ ...appProps, context: { ...cdkJsonContext(), ...appProps.context } });
  const config = readAppConfig((key) => app.node.tryGetContext(key));
  const dir = websiteDir === null ? undefined : (websiteDir ?? (existsSync(DEFAULT_WEBSITE_DIR) ? DEFAULT_WEBSITE_DIR : undefined));
  const stack = new WildRydesStack(app, config.stackName, {
    description: `Wild Rydes: riders summon unicorns; POST /ride protected by authMode=${config.authMode}`,
    config,
    websiteDir: dir,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

/** The `context` of cdk.json: the defaults and the recommended feature flags the CLI passes to `cdk synth`. */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}
